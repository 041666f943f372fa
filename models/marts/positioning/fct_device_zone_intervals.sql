{#- Dwell time of positioning tags per zone: one row per device and run of the same zone. -#}
with

intervals as (
    select * from {{ ref('int_position_zone_intervals') }}
),

zones as (
    select * from {{ ref('dim_zones') }}
),

final as (
    select
        intervals.device_id,
        intervals.zone_id,
        intervals.valid_from,
        intervals.valid_to,
        intervals.duration_seconds,
        cast(intervals.event_count as integer) as event_count,
        intervals.is_open,
        intervals.is_capped,
        zones.zone_name,
        zones.space_id
    from intervals
    left join zones on intervals.zone_id = zones.zone_id
)

select * from final
