{% macro spark_delete_rows_fixture() -%}
    {#- Fixture of iot_facts.delete_rows on Spark (`dbt run-operation spark_delete_rows_fixture
        --target spark`, test_spark.py): a table partitioned by day and an unpartitioned copy.
        A delete that matches nothing writes no file; a delete of device a empties one day
        (dropped), rewrites the day it shares with device b and leaves the third day's files
        as they were; on the unpartitioned copy it leaves the same rows. Raises on the first
        difference, so the operation fails. -#}
    {%- do run_query('create schema if not exists delete_rows_fixture') -%}
    {%- set partitioned = api.Relation.create(schema='delete_rows_fixture', identifier='partitioned') -%}
    {%- set flat = api.Relation.create(schema='delete_rows_fixture', identifier='flat') -%}
    {%- set rows -%}
        select * from values
            (1, 'a', date '2026-01-01'), (2, 'a', date '2026-01-01'),
            (3, 'b', date '2026-01-02'), (4, 'a', date '2026-01-02'),
            (5, 'b', date '2026-01-03')
        as fixture(id, device_id, day)
    {%- endset -%}
    {%- for relation in (partitioned, flat) -%}
        {%- do run_query('drop table if exists ' ~ relation) -%}
        {%- do run_query(
            'create table ' ~ relation ~ ' using parquet'
            ~ (' partitioned by (day)' if relation == partitioned else '') ~ ' as ' ~ rows
        ) -%}
    {%- endfor -%}
    {%- do _expect(iot_facts.spark_partition_columns(partitioned), ['day'], 'partition columns') -%}
    {%- do _expect(iot_facts.spark_partition_columns(flat), [], 'partition columns (flat)') -%}

    {%- set files_before = _files_by_day(partitioned) -%}
    {%- do iot_facts.delete_rows(partitioned, "existing.device_id = 'z'") -%}
    {%- do _expect(_files_by_day(partitioned), files_before, 'files after deleting nothing') -%}

    {%- set device_a = "select 'a' as device_id" -%}
    {%- for relation in (partitioned, flat) -%}
        {%- do iot_facts.delete_rows(
            relation, 'existing.device_id = scope.device_id', using=device_a
        ) -%}
        {%- set left = run_query('select id, device_id, cast(day as string) from ' ~ relation ~ ' order by id') -%}
        {%- do _expect(
            _strings(left),
            [['3', 'b', '2026-01-02'], ['5', 'b', '2026-01-03']],
            relation ~ ' rows after deleting device a'
        ) -%}
    {%- endfor -%}
    {%- set files_after = _files_by_day(partitioned) -%}
    {%- do _expect(files_after.get('2026-01-03'), files_before['2026-01-03'], 'untouched day files') -%}
    {%- if files_after.get('2026-01-02') == files_before['2026-01-02'] -%}
        {%- do _expect('rewritten', 'unchanged', 'files of the day rows were deleted from') -%}
    {%- endif -%}
    {%- set shown = run_query('show partitions ' ~ partitioned) -%}
    {%- do _expect(
        shown.rows | map(attribute=0) | list, ['day=2026-01-02', 'day=2026-01-03'], 'partitions'
    ) -%}
    {%- do run_query('drop schema delete_rows_fixture cascade') -%}
    {%- do log('spark_delete_rows_fixture: ok', info=true) -%}
{%- endmacro %}

{% macro _files_by_day(relation) -%}
    {%- set files = {} -%}
    {%- for row in run_query(
        'select distinct cast(day as string), input_file_name() from ' ~ relation ~ ' order by 1, 2'
    ) -%}
        {%- set day = row[0] | string -%}
        {%- do files.update({day: files.get(day, []) + [row[1]]}) -%}
    {%- endfor -%}
    {{- return(files) -}}
{%- endmacro %}

{% macro _expect(actual, expected, what) -%}
    {%- if actual != expected -%}
        {{ exceptions.raise_compiler_error(
            'spark_delete_rows_fixture: ' ~ what ~ ': expected ' ~ expected ~ ', got ' ~ actual
        ) }}
    {%- endif -%}
{%- endmacro %}

{% macro _strings(table) -%}
    {#- agate may type a value (a date, a Decimal): rows compared as text -#}
    {%- set rows = [] -%}
    {%- for row in table.rows -%}
        {%- do rows.append(row.values() | map('string') | list) -%}
    {%- endfor -%}
    {{- return(rows) -}}
{%- endmacro %}
