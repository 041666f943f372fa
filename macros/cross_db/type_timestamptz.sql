{% macro type_timestamptz() -%}
    {#- An instant in UTC: DuckDB's timestamptz; Spark's timestamp is one already. -#}
    {{- return(adapter.dispatch('type_timestamptz', 'iot_facts')()) -}}
{%- endmacro %}

{% macro default__type_timestamptz() -%}
    {{- return('timestamptz') -}}
{%- endmacro %}

{% macro spark__type_timestamptz() -%}
    {{- return('timestamp') -}}
{%- endmacro %}
