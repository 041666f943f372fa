{% macro ts_neg_infinity() -%}
    {#- A timestamp before every other: DuckDB's -infinity; Spark has none, so its smallest. -#}
    {{- return(adapter.dispatch('ts_neg_infinity', 'iot_facts')()) -}}
{%- endmacro %}

{% macro default__ts_neg_infinity() -%}
    {{- return("timestamp '-infinity'") -}}
{%- endmacro %}

{% macro spark__ts_neg_infinity() -%}
    {{- return("timestamp '0001-01-01 00:00:00'") -}}
{%- endmacro %}
