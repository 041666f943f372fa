{% macro haltian_rows_rerank_batch(measurement_type) -%}
    {#- The batch of an incremental run of a measurement rows table (in {{ this }}): the rows of
        the files staged since its high-water mark (landing_new_files), the valid ones re-ranked
        with every copy the table holds of the events they touch or that the replaced files
        held (landing_replaced_files), plus their rejected rows. -#}
    {%- set columns = measurement_value_columns(measurement_type) -%}
    {%- set keys = haltian_event_keys(measurement_type) -%}
    {%- set unranked = haltian_measurement_columns(columns) -%}
    with

    fresh as (
        {{ haltian_measurement_rows(
            measurement_type,
            ranking='none',
            files=landing_new_files(measurement_type, by_family=true)
        ) | indent(8) }}
    ),

    replaced_files as (
        {{ iot_facts.landing_replaced_files(measurement_type, this) | indent(8) }}
    ),

    {#- {{ this }} is read twice, not through one CTE: DuckDB would materialize a CTE read
        twice, i.e. copy every valid row of the table each run (4.6 s of 3.9 s at 10M events:
        bench/README.md). #}
    touched as (
        select {{ keys | join(', ') }} from fresh where reject_reason is null
        union
        select {{ keys | join(', ') }} from {{ this }}
        where
            reject_reason is null
            and source_file in (select replaced_files.source_file from replaced_files)
    ),

    unioned as (
        select {{ unranked | join(', ') }} from fresh where reject_reason is null
        union all
        select built.{{ unranked | join(', built.') }}
        from {{ this }} as built
        inner join touched
            on
                {%- for k in keys %}
                built.{{ k }} is not distinct from touched.{{ k }}{{ " and" if not loop.last }}
                {%- endfor %}
        where
            built.reject_reason is null
            and built.source_file not in (select replaced_files.source_file from replaced_files)
            -- the touched events' time range, so the table's zone maps skip the rest
            and built.measured_at between (select min(touched.measured_at) from touched)
            and (select max(touched.measured_at) from touched)
    ),

    ranked as (
        {{ haltian_measurement_ranked(columns, 'kept') | indent(8) }}
    ),

    batch as (
        select * from ranked
        union all
        select
            {{ unranked | join(', ') }},
            null as duplicate_rank,
            null as kept_source_file,
            null as is_conflict
        from fresh
        where reject_reason is not null
    )

    select * from batch
{%- endmacro %}
