{#- occupancySeconds is pre-aggregated by the platform: used as delivered, attributed to the
    UTC hour of its measured_at, never forward-filled or time-weighted. -#}
with

reports as (
    select * from {{ ref('stg_haltian__occupancy_seconds_measurements') }}
),

hourly as (
    select
        device_id,
        date_trunc('hour', measured_at) as hour_start,
        sum(occupancy_seconds) as occupancy_seconds,
        cast(count(*) as integer) as reports
    from reports
    group by all
),

final as (
    select
        device_id,
        hour_start,
        {{ local_time_columns('hour_start') | indent(8) }},
        occupancy_seconds,
        reports
    from hourly
)

select * from final
