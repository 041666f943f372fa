{% macro unnest_with_position(list_expression, value_column, position_column) -%}
    {#- Select items: one row per list element, as `value_column`, with its 0-based position
        as `position_column`. -#}
    {{- return(adapter.dispatch('unnest_with_position', 'iot_facts')(
        list_expression, value_column, position_column
    )) -}}
{%- endmacro %}

{% macro default__unnest_with_position(list_expression, value_column, position_column) -%}
    {{- return(
        'unnest(' ~ list_expression ~ ') as ' ~ value_column ~ ', generate_subscripts('
        ~ list_expression ~ ', 1) - 1 as ' ~ position_column
    ) -}}
{%- endmacro %}

{% macro spark__unnest_with_position(list_expression, value_column, position_column) -%}
    {{- return(
        'posexplode(' ~ list_expression ~ ') as (' ~ position_column ~ ', ' ~ value_column ~ ')'
    ) -}}
{%- endmacro %}
