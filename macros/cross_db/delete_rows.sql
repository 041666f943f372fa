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
        the relation is overwritten with them, here and now (while the hook or strategy
        renders); the rendered SQL is empty. Costs a rewrite of the whole table. -#}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- if using is none -%}
        {%- set deleted = '(' ~ predicate ~ ') is true' -%}
    {%- else -%}
        {%- set deleted = 'exists (select 1 from (' ~ using ~ ') as scope where ' ~ predicate ~ ')' -%}
    {%- endif -%}
    {%- set kept = relation.incorporate(path={'identifier': relation.identifier ~ '__dbt_kept'}) -%}
    {%- do run_query('drop table if exists ' ~ kept) -%}
    {%- do run_query(
        'create table ' ~ kept ~ ' using parquet as select * from ' ~ relation
        ~ ' as existing where not (' ~ deleted ~ ')'
    ) -%}
    {%- do run_query('insert overwrite table ' ~ relation ~ ' select * from ' ~ kept) -%}
    {%- do run_query('drop table ' ~ kept) -%}
    {{- return('') -}}
{%- endmacro %}
