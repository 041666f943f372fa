{% macro measurement_day_scope() -%}
    {#- Per measurement type, the first UTC day an incremental run of a per-day activity table
        (int_device_type_activity_daily, in {{ this }}) must recount: the day of the earliest
        window start, less var max_event_lateness_hours, of the type's files the manifest staged
        since the table's high-water mark (new, late and re-delivered files, quarantined ones
        included: their rows leave staging). Staging rejects every event earlier than that
        (haltian_measurement_checked), so no event such a file adds, replaces or takes away lies
        before it; a file without a window: the whole type. An object deleted upstream keeps its
        staged copy and its rows (its status stays ok), so it changes nothing here. Types no
        file changed are not listed. Columns: measurement_type, recompute_from. -#}
    with

    mds_built as (
        -- empty before the first incremental run: every file is new
        select coalesce(max(loaded_through_at), {{ iot_facts.ts_neg_infinity() }}) as loaded_through_at
        from {{ this }}
    ),

    mds_changed as (
        select
            manifest.dataset as measurement_type,
            manifest.window_start
        from {{ ref('stg_loader__manifest_files') }} as manifest
        where
            manifest.kind = 'measurement'
            and manifest.staged_at > (select mds_built.loaded_through_at from mds_built)
    )

    select
        measurement_type,
        case
            when bool_or(window_start is null) then {{ iot_facts.ts_neg_infinity() }}
            else date_trunc(
                'day',
                min(window_start) - interval {{ var('max_event_lateness_hours') | int }} hour
            )
        end as recompute_from
    from mds_changed
    group by measurement_type
{%- endmacro %}
