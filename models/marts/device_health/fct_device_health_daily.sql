with

devices as (
    select * from {{ ref('dim_devices') }}
),

activity as (
    select * from {{ ref('int_device_activity_daily') }}
),

battery as (
    select * from {{ ref('stg_haltian__battery_percentage_measurements') }}
),

voltage as (
    select * from {{ ref('stg_haltian__battery_voltage_measurements') }}
),

counters as (
    select * from {{ ref('int_counter_increases') }}
),

watermarks as (
    -- Haltian feeds only (legacy or v1): SiteWise and IoT Core windows say nothing about these
    -- devices, and a later one would add days without data and count them silent
    select max(watermark) as watermark from {{ ref('int_measurement_watermarks') }}
    where legacy_watermark is not null or v1_watermark is not null
),

device_day_starts as (
    -- every UTC day from the device's first event to the latest watermark
    select
        devices.device_id,
        {{ iot_facts.range_rows(
            "date_trunc('day', devices.first_measured_at)",
            'watermarks.watermark',
            'interval 1 day'
        ) }} as day_start
    from devices
    cross join watermarks
    where devices.first_measured_at is not null
),

device_days as (
    select
        device_id,
        cast(day_start as date) as health_date
    from device_day_starts
),

battery_daily as (
    select
        device_id,
        cast(measured_at as date) as health_date,
        {{ iot_facts.arg_max_nonnull('battery_percentage', 'measured_at') }} as battery_percentage_last,
        min(battery_percentage) as battery_percentage_min
    from battery
    group by all
),

voltage_daily as (
    select
        device_id,
        cast(measured_at as date) as health_date,
        min(battery_voltage) as battery_voltage_min
    from voltage
    group by all
),

reboots_daily as (
    select
        device_id,
        cast(measured_at as date) as health_date,
        sum(increase) as reboots,
        count(*) filter (where is_reset) as boot_counter_resets
    from counters
    where metric = 'boot_count'
    group by all
),

last_events as (
    -- the latest event up to the end of each day (carried over quiet days)
    select
        device_days.device_id,
        device_days.health_date,
        max(activity.last_measured_at) as last_event_at
    from device_days
    left join activity
        on
            device_days.device_id = activity.device_id
            and device_days.health_date >= activity.activity_date
    group by all
),

daily as (
    select
        device_days.device_id,
        device_days.health_date,
        cast(coalesce(activity.events, 0) as integer) as events,
        battery_daily.battery_percentage_last,
        battery_daily.battery_percentage_min,
        voltage_daily.battery_voltage_min,
        cast(coalesce(reboots_daily.reboots, 0) as integer) as reboots,
        cast(coalesce(reboots_daily.boot_counter_resets, 0) as integer) as boot_counter_resets,
        last_events.last_event_at,
        {{ iot_facts.date_diff_units(
            'second',
            'last_events.last_event_at',
            'least(cast(device_days.health_date + 1 as timestamp), watermarks.watermark)'
        ) }} / 3.6e3 as hours_since_last_event
    from device_days
    cross join watermarks
    left join activity
        on
            device_days.device_id = activity.device_id
            and device_days.health_date = activity.activity_date
    left join battery_daily
        on
            device_days.device_id = battery_daily.device_id
            and device_days.health_date = battery_daily.health_date
    left join voltage_daily
        on
            device_days.device_id = voltage_daily.device_id
            and device_days.health_date = voltage_daily.health_date
    left join reboots_daily
        on
            device_days.device_id = reboots_daily.device_id
            and device_days.health_date = reboots_daily.health_date
    left join last_events
        on
            device_days.device_id = last_events.device_id
            and device_days.health_date = last_events.health_date
),

final as (
    select
        *,
        hours_since_last_event > {{ var('silent_after_hours') }} as is_silent
    from daily
)

select * from final
