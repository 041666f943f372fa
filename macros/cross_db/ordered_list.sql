{% macro ordered_list(expression, order_by) -%}
    {#- Aggregate: every value (nulls included) as a list, in the order of `order_by`. -#}
    {{- return(adapter.dispatch('ordered_list', 'iot_facts')(expression, order_by)) -}}
{%- endmacro %}

{% macro default__ordered_list(expression, order_by) -%}
    {{- return('list(' ~ expression ~ ' order by ' ~ order_by ~ ')') -}}
{%- endmacro %}

{% macro spark__ordered_list(expression, order_by) -%}
    {#- collect_list has no order and drops nulls: collect (key, value) pairs, sort, unwrap. -#}
    {{- return(
        'transform(array_sort(collect_list(struct(' ~ order_by ~ ' as sort_key, '
        ~ expression ~ ' as item))), pair -> pair.item)'
    ) -}}
{%- endmacro %}
