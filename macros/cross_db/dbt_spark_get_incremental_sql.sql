{#- dbt-spark's incremental materialization knows only its own strategies; these overrides
    (root-project macros win over the adapter's) let it run the project's: the macro
    get_incremental_<strategy>_sql, whose deletes run through delete_rows. -#}

{% macro dbt_spark_get_incremental_sql(
    strategy, source, target, existing, unique_key, incremental_predicates
) -%}
    {%- set project_strategy = 'get_incremental_' ~ strategy ~ '_sql' -%}
    {%- if project_strategy in iot_facts -%}
        {{ iot_facts[project_strategy]({
            'target_relation': target,
            'temp_relation': source,
            'unique_key': unique_key,
            'dest_columns': adapter.get_columns_in_relation(target),
            'incremental_predicates': incremental_predicates,
        }) }}
    {%- else -%}
        {{ spark.dbt_spark_get_incremental_sql(
            strategy, source, target, existing, unique_key, incremental_predicates
        ) }}
    {%- endif -%}
{%- endmacro %}
