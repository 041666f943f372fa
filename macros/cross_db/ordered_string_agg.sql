{% macro ordered_string_agg(expression, separator, order_by) -%}
    {#- Aggregate: the non-null values joined by `separator` (an SQL string literal) in the order
        of `order_by` (an ORDER BY list, directions included). -#}
    {{- return(adapter.dispatch('ordered_string_agg', 'iot_facts')(expression, separator, order_by)) -}}
{%- endmacro %}

{% macro default__ordered_string_agg(expression, separator, order_by) -%}
    {{- return('string_agg(' ~ expression ~ ', ' ~ separator ~ ' order by ' ~ order_by ~ ')') -}}
{%- endmacro %}

{% macro spark__ordered_string_agg(expression, separator, order_by) -%}
    {{- return(
        'string_agg(' ~ expression ~ ', ' ~ separator ~ ') within group (order by ' ~ order_by ~ ')'
    ) -}}
{%- endmacro %}
