{% macro delete_rows(relation, predicate, using=none) -%}
    {#- Delete the rows of `relation` (alias `existing`) where `predicate` holds; with `using`
        (a query, alias `scope`), where it holds for some row of it. DuckDB: one DELETE
        statement, `;`-terminated, to run before an insert in the same hook or strategy. -#}
    {{- return(adapter.dispatch('delete_rows', 'iot_facts')(relation, predicate, using)) -}}
{%- endmacro %}

{% macro default__delete_rows(relation, predicate, using=none) -%}
    delete from {{ relation }} as existing
    {%- if using is not none %}
    using (
        {{ using | indent(8) }}
    ) as scope
    {%- endif %}
    where {{ predicate }};
{%- endmacro %}

{% macro spark__delete_rows(relation, predicate, using=none) -%}
    {#- Spark's Parquet tables have no DELETE: the rows to keep are written to a side table and
        overwrite the table, here and now (while the hook or strategy renders); the rendered
        SQL is empty. Nothing to delete, nothing written (the usual hourly case of most
        tables). A partitioned table (partition_by, e.g. a date) has only the partitions
        holding deleted rows rewritten (dynamic partition overwrite), a partition left empty
        dropped; an unpartitioned one is rewritten whole. -#}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- if using is none -%}
        {%- set deleted = '(' ~ predicate ~ ') is true' -%}
    {%- else -%}
        {%- set deleted = 'exists (select 1 from (' ~ using ~ ') as scope where ' ~ predicate ~ ')' -%}
    {%- endif -%}
    {%- set partitions = iot_facts.spark_partition_columns(relation) -%}
    {%- set touched_query -%}
        select distinct {{ (['1 as any_row'] + partitions) | join(', ') }}
        from {{ relation }} as existing where {{ deleted }}
    {%- endset -%}
    {%- set touched = run_query(touched_query) -%}
    {%- if touched.rows | length == 0 -%}{{ return('') }}{%- endif -%}
    {%- set kept = relation.incorporate(path={'identifier': relation.identifier ~ '__dbt_kept'}) -%}
    {%- do run_query('drop table if exists ' ~ kept) -%}
    {%- if partitions -%}
        {%- set on_touched = [] -%}
        {%- for column in partitions -%}
            {%- do on_touched.append('existing.' ~ column ~ ' <=> touched.' ~ column) -%}
        {%- endfor -%}
        {%- do run_query(
            'create table ' ~ kept ~ ' using parquet as select existing.* from ' ~ relation
            ~ ' as existing left semi join (' ~ touched_query ~ ') as touched on '
            ~ on_touched | join(' and ') ~ ' where not (' ~ deleted ~ ')'
        ) -%}
        {%- do run_query('set spark.sql.sources.partitionOverwriteMode = dynamic') -%}
        {%- do run_query(
            'insert overwrite table ' ~ relation ~ ' partition (' ~ partitions | join(', ')
            ~ ') select * from ' ~ kept
        ) -%}
        {%- do iot_facts.spark_drop_emptied_partitions(relation, kept, partitions, touched) -%}
    {%- else -%}
        {%- do run_query(
            'create table ' ~ kept ~ ' using parquet as select * from ' ~ relation
            ~ ' as existing where not (' ~ deleted ~ ')'
        ) -%}
        {%- do run_query('insert overwrite table ' ~ relation ~ ' select * from ' ~ kept) -%}
    {%- endif -%}
    {%- do run_query('drop table ' ~ kept) -%}
    {{- return('') -}}
{%- endmacro %}
