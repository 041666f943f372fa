{#- dbt-spark validates the strategy before its incremental materialization runs: the project's
    own strategies (a get_incremental_<strategy>_sql macro) pass too. -#}

{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
    {%- if 'get_incremental_' ~ raw_strategy ~ '_sql' in iot_facts -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {{ return(spark.dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format)) }}
{%- endmacro %}
