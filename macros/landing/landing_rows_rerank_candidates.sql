{% macro landing_rows_rerank_candidates(fresh, dataset, keys, time_column, rank_columns) -%}
    {#- What an incremental run of a ranked rows table (in {{ this }}, strategy landing_rows)
        ranks: every row of `fresh` (the rows of the files it read), plus every valid copy the
        table holds of the points they touch or that the replaced files held (`keys`), except
        the replaced files' own. The table's `rank_columns` and loaded_through_at are left out,
        to be computed again. `time_column`: a column every copy of a point shares (part of
        `keys`), so only the touched points' time range is read; none when copies may differ
        in time (the whole table is read). -#}
    {#- the columns both sides share, named: Spark has no UNION BY NAME and no EXCLUDE -#}
    {%- set left_out = rank_columns + ['loaded_through_at'] %}
    {%- set columns = [] %}
    {%- for column in adapter.get_columns_in_relation(this) %}
        {%- if column.name | lower not in left_out %}
            {%- do columns.append(column.name) %}
        {%- endif %}
    {%- endfor %}
    with

    rc_replaced_files as (
        {{ iot_facts.landing_replaced_files(dataset, this) | indent(8) }}
    ),

    {#- {{ this }} is read twice, not through one CTE: DuckDB would materialize a CTE read
        twice, i.e. copy every valid row of the table each run. #}
    rc_touched as (
        select {{ keys | join(', ') }} from {{ fresh }} where reject_reason is null
        union
        select {{ keys | join(', ') }} from {{ this }}
        where
            reject_reason is null
            and source_file in (select rc_replaced_files.source_file from rc_replaced_files)
    )

    select {{ columns | join(', ') }} from {{ fresh }}
    union all
    select
        {%- for column in columns %}
        rc_built.{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ this }} as rc_built
    inner join rc_touched
        on
            {%- for k in keys %}
            rc_built.{{ k }} is not distinct from rc_touched.{{ k }}{{ " and" if not loop.last }}
            {%- endfor %}
    where
        rc_built.reject_reason is null
        and rc_built.source_file not in (
            select rc_replaced_files.source_file from rc_replaced_files
        )
        {%- if time_column is not none %}
        -- the touched points' time range, so the table's zone maps skip the rest
        and rc_built.{{ time_column }} between (
            select min(rc_touched.{{ time_column }}) from rc_touched
        ) and (select max(rc_touched.{{ time_column }}) from rc_touched)
        {%- endif %}
{%- endmacro %}
