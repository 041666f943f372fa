{% macro empty_string_list() -%}
    {#- An empty list of strings, typed. -#}
    {{- return(adapter.dispatch('empty_string_list', 'iot_facts')()) -}}
{%- endmacro %}

{% macro default__empty_string_list() -%}
    {{- return('cast([] as varchar[])') -}}
{%- endmacro %}

{% macro spark__empty_string_list() -%}
    {{- return('cast(array() as array<string>)') -}}
{%- endmacro %}
