{% macro struct_of(expressions) -%}
    {#- A struct of columns (compared and ordered field by field); DuckDB names the fields after
        the columns, so pass column names. -#}
    {{- return(adapter.dispatch('struct_of', 'iot_facts')(expressions)) -}}
{%- endmacro %}

{% macro default__struct_of(expressions) -%}
    {{- return('struct_pack(' ~ expressions | join(', ') ~ ')') -}}
{%- endmacro %}

{% macro spark__struct_of(expressions) -%}
    {{- return('struct(' ~ expressions | join(', ') ~ ')') -}}
{%- endmacro %}
