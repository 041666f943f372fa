{% macro ts_infinity() -%}
    {#- A timestamp after every other: DuckDB's infinity; Spark has none, so its largest. -#}
    {{- return(adapter.dispatch('ts_infinity', 'iot_facts')()) -}}
{%- endmacro %}

{% macro default__ts_infinity() -%}
    {{- return("timestamp 'infinity'") -}}
{%- endmacro %}

{% macro spark__ts_infinity() -%}
    {{- return("timestamp '9999-12-31 23:59:59.999999'") -}}
{%- endmacro %}
