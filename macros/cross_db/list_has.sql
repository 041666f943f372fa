{% macro list_has(list_expression, expression) -%}
    {#- True when the list holds the value. -#}
    {{- return(adapter.dispatch('list_has', 'iot_facts')(list_expression, expression)) -}}
{%- endmacro %}

{% macro default__list_has(list_expression, expression) -%}
    {{- return('list_contains(' ~ list_expression ~ ', ' ~ expression ~ ')') -}}
{%- endmacro %}

{% macro spark__list_has(list_expression, expression) -%}
    {{- return('array_contains(' ~ list_expression ~ ', ' ~ expression ~ ')') -}}
{%- endmacro %}
