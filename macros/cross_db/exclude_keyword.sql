{% macro exclude_keyword() -%}
    {#- The keyword of `select * <keyword> (columns)`, every column but those: DuckDB's
        EXCLUDE, Spark's EXCEPT. -#}
    {{- return(adapter.dispatch('exclude_keyword', 'iot_facts')()) -}}
{%- endmacro %}

{% macro default__exclude_keyword() -%}
    {{- return('exclude') -}}
{%- endmacro %}

{% macro spark__exclude_keyword() -%}
    {{- return('except') -}}
{%- endmacro %}
