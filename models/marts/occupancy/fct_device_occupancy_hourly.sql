with

intervals as (
    select * from {{ ref('fct_occupancy_intervals') }}
),

devices as (
    select * from {{ ref('dim_devices') }}
),

pieces as (
    {{ split_intervals('intervals', 'hour') | indent(4) }}
),

hourly as (
    select
        device_id,
        bucket_start as hour_start,
        sum(bucket_milliseconds) filter (where is_occupied) / 1000.0 as occupied_seconds,
        sum(bucket_milliseconds) / 1000.0 as observed_seconds
    from pieces
    group by all
),

final as (
    select
        hourly.device_id,
        hourly.hour_start,
        coalesce(hourly.occupied_seconds, 0) as occupied_seconds,
        hourly.observed_seconds,
        coalesce(hourly.occupied_seconds, 0) / hourly.observed_seconds as occupancy_ratio,
        coalesce(devices.is_device_group, false) as is_device_group
    from hourly
    left join devices on hourly.device_id = devices.device_id
)

select * from final
