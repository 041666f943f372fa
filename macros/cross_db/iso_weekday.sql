{% macro iso_weekday(expression) -%}
    {#- ISO day of the week of a date or timestamp: 1 = Monday ... 7 = Sunday. -#}
    {{- return(adapter.dispatch('iso_weekday', 'iot_facts')(expression)) -}}
{%- endmacro %}

{% macro default__iso_weekday(expression) -%}
    {{- return('isodow(' ~ expression ~ ')') -}}
{%- endmacro %}

{% macro spark__iso_weekday(expression) -%}
    {{- return('(weekday(' ~ expression ~ ') + 1)') -}}
{%- endmacro %}
