{#- dbt-spark's incremental materialization knows only its own strategies; these overrides
    (root-project macros win over the adapter's) let it run the project's: the macro
    get_incremental_<strategy>_sql, whose deletes run through delete_rows.
    dbt-spark's batch is a temporary view, evaluated when read: the strategy's deletes run
    first (delete_rows), and a batch query that reads the table itself (high-water marks,
    recompute scopes) would then see it half-updated. So the batch is written to a table
    first, as DuckDB's temporary table is. -#}

{% macro dbt_spark_get_incremental_sql(
    strategy, source, target, existing, unique_key, incremental_predicates
) -%}
    {%- set project_strategy = 'get_incremental_' ~ strategy ~ '_sql' -%}
    {%- if project_strategy in iot_facts -%}
        {#- kept until the next run drops it: the insert runs after this renders #}
        {%- set batch = target.incorporate(
            path={'identifier': target.identifier ~ '__dbt_batch'}
        ) -%}
        {%- if execute -%}
            {%- do run_query('drop table if exists ' ~ batch) -%}
            {%- do run_query(
                'create table ' ~ batch ~ ' using parquet as select * from ' ~ source
            ) -%}
        {%- endif -%}
        {{ iot_facts[project_strategy]({
            'target_relation': target,
            'temp_relation': batch,
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
