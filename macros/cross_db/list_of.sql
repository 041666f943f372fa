{% macro list_of(expression) -%}
    {#- A one-element list. -#}
    {{- return(adapter.dispatch('list_of', 'iot_facts')(expression)) -}}
{%- endmacro %}

{% macro default__list_of(expression) -%}
    {{- return('[' ~ expression ~ ']') -}}
{%- endmacro %}

{% macro spark__list_of(expression) -%}
    {{- return('array(' ~ expression ~ ')') -}}
{%- endmacro %}
