{% macro sorted_distinct_list(expression) -%}
    {#- Aggregate: the distinct non-null values as a list, ascending. -#}
    {{- return(adapter.dispatch('sorted_distinct_list', 'iot_facts')(expression)) -}}
{%- endmacro %}

{% macro default__sorted_distinct_list(expression) -%}
    {{- return('list(distinct ' ~ expression ~ ' order by ' ~ expression ~ ')
        filter (where ' ~ expression ~ ' is not null)') -}}
{%- endmacro %}

{% macro spark__sorted_distinct_list(expression) -%}
    {{- return('array_sort(collect_set(' ~ expression ~ '))') -}}
{%- endmacro %}
