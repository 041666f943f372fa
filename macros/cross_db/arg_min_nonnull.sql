{% macro arg_min_nonnull(value, ordering, where=none) -%}
    {#- Aggregate: `value` of the row with the least `ordering` (see arg_max_nonnull). -#}
    {{- return(adapter.dispatch('arg_max_nonnull', 'iot_facts')(value, ordering, where, 'min')) -}}
{%- endmacro %}
