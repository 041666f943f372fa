{% macro stage_haltian_measurement_rows(measurement_type) -%}
    {#- The incremental table of every row of one measurement type (model
        stg_haltian__<type>_measurement_rows): typed, checked and ranked, one row per file row.
        A full build ranks every row. An incremental run reads only the files the manifest
        staged since the table's high-water mark (haltian_new_files), then re-ranks every event
        they touch: the events of their valid rows and those the replaced files held before
        (haltian_replaced_files: re-delivered or no longer staged files), with the copies the
        table already holds from other files. The strategy `haltian_rows` then deletes the
        replaced files' rows and the touched events' valid rows and inserts this batch, so the
        table equals a full build (the rank is a total order). -#}
    {%- set columns = measurement_value_columns(measurement_type) -%}
    {%- set keys = haltian_event_keys(measurement_type) -%}
    with
    {% if is_incremental() %}
    fresh as (
        {{ haltian_measurement_rows(
            measurement_type, ranking='none', files=haltian_new_files(measurement_type)
        ) | indent(8) }}
    ),

    replaced_files as (
        {{ haltian_replaced_files(measurement_type, this) | indent(8) }}
    ),

    built as (
        select * exclude (duplicate_rank, kept_source_file, is_conflict, loaded_through_at)
        from {{ this }}
        where reject_reason is null
    ),

    touched as (
        select {{ keys | join(', ') }} from fresh where reject_reason is null
        union
        select {{ keys | join(', ') }} from built
        where source_file in (select replaced_files.source_file from replaced_files)
    ),

    unioned as (
        select * from fresh where reject_reason is null
        union all by name
        select built.*
        from built
        inner join touched
            on
                {%- for k in keys %}
                built.{{ k }} is not distinct from touched.{{ k }}{{ " and" if not loop.last }}
                {%- endfor %}
        where
            built.source_file not in (select replaced_files.source_file from replaced_files)
            -- the touched events' time range, so the table's zone maps skip the rest
            and built.measured_at between (select min(touched.measured_at) from touched)
            and (select max(touched.measured_at) from touched)
    ),

    ranked as (
        {{ haltian_measurement_ranked(columns, 'kept') | indent(8) }}
    ),

    batch as (
        select * from ranked
        union all by name
        select * from fresh where reject_reason is not null
    ),
    {% else %}
    batch as (
        {{ haltian_measurement_rows(measurement_type, ranking='kept') | indent(8) }}
    ),
    {% endif %}

    final as (
        select
            *,
            {{ iot_facts.manifest_loaded_through() }} as loaded_through_at
        from batch
    )

    select * from final
{%- endmacro %}
