{{ config(
    materialized='incremental',
    incremental_strategy='device_rebuild',
    rebuild_from='hour_start',
    on_schema_change='fail',
    partition_by=(none if target.type == 'duckdb' else ['local_date']),
    pre_hook="{{ delete_hours_before_intervals('fct_occupancy_intervals') }}",
) }}

with

intervals as (
    select * from {{ ref('fct_occupancy_intervals') }}
),

devices as (
    select * from {{ ref('dim_devices') }}
),

{% if is_incremental() -%}
    scope as (
        -- devices whose intervals were rebuilt since this table was: from that hour on
        select
            device_id,
            date_trunc('hour', min(valid_from)) as recompute_from
        from intervals
        where loaded_through_at > (
                -- empty when built before the loader's first run: every interval is new
                select coalesce(max(existing.loaded_through_at), {{ iot_facts.ts_neg_infinity() }})
                from {{ this }} as existing
            )
        group by device_id
    ),

    scoped_intervals as (
        select intervals.*
        from intervals
        inner join scope
            on intervals.device_id = scope.device_id and intervals.valid_to > scope.recompute_from
    ),
{%- else %}
    scope as (
        select
            device_id,
            {{ iot_facts.ts_neg_infinity() }} as recompute_from
        from intervals
        group by device_id
    ),

    scoped_intervals as (
        select * from intervals
    ),
{%- endif %}

pieces as (
    {{ split_intervals('scoped_intervals', 'hour') | indent(4) }}
),

hourly as (
    select
        pieces.device_id,
        pieces.bucket_start as hour_start,
        sum(pieces.bucket_milliseconds) filter (where pieces.is_occupied) / 1e3
            as occupied_seconds,
        sum(pieces.bucket_milliseconds) / 1e3 as observed_seconds,
        max(pieces.loaded_through_at) as loaded_through_at
    from pieces
    inner join scope
        on pieces.device_id = scope.device_id and pieces.bucket_start >= scope.recompute_from
    group by all
),

final as (
    select
        hourly.device_id,
        hourly.hour_start,
        {{ local_time_columns('hourly.hour_start') | indent(8) }},
        coalesce(hourly.occupied_seconds, 0) as occupied_seconds,
        hourly.observed_seconds,
        coalesce(hourly.occupied_seconds, 0) / hourly.observed_seconds as occupancy_ratio,
        coalesce(devices.is_device_group, false) as is_device_group,
        hourly.loaded_through_at
    from hourly
    left join devices on hourly.device_id = devices.device_id
)

select * from final
