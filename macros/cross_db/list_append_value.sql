{% macro list_append_value(list_expression, expression) -%}
    {#- The list with one more element at its end. -#}
    {{- return(adapter.dispatch('list_append_value', 'iot_facts')(list_expression, expression)) -}}
{%- endmacro %}

{% macro default__list_append_value(list_expression, expression) -%}
    {{- return('list_append(' ~ list_expression ~ ', ' ~ expression ~ ')') -}}
{%- endmacro %}

{% macro spark__list_append_value(list_expression, expression) -%}
    {{- return('concat(' ~ list_expression ~ ', array(' ~ expression ~ '))') -}}
{%- endmacro %}
