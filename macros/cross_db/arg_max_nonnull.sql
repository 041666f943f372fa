{% macro arg_max_nonnull(value, ordering, where=none) -%}
    {#- Aggregate: `value` of the row with the greatest `ordering`, among the rows where both are
        not null (and `where` holds): DuckDB's arg_max. -#}
    {{- return(adapter.dispatch('arg_max_nonnull', 'iot_facts')(value, ordering, where, 'max')) -}}
{%- endmacro %}

{% macro default__arg_max_nonnull(value, ordering, where, direction) -%}
    {{- return(
        'arg_' ~ direction ~ '(' ~ value ~ ', ' ~ ordering ~ ')'
        ~ (' filter (where ' ~ where ~ ')' if where else '')
    ) -}}
{%- endmacro %}

{% macro spark__arg_max_nonnull(value, ordering, where, direction) -%}
    {{- return(
        direction ~ '_by(' ~ value ~ ', ' ~ ordering ~ ') filter (where ' ~ value
        ~ ' is not null and ' ~ ordering ~ ' is not null'
        ~ (' and (' ~ where ~ ')' if where else '') ~ ')'
    ) -}}
{%- endmacro %}
