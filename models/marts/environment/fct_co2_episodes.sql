with

co2_samples as (
    select * from {{ ref('stg_haltian__co2_measurements') }}
),

watermarks as (
    select * from {{ ref('int_measurement_watermarks') }}
    where measurement_type = 'co2'
),

bounded as (
    select
        co2_samples.device_id,
        co2_samples.measured_at,
        co2_samples.co2,
        watermarks.watermark
    from co2_samples
    cross join watermarks
),

episodes as (
    {{ threshold_episodes(
        'bounded',
        partition_by=['device_id'],
        order_by='measured_at',
        value_column='co2',
        threshold=var('co2_limit_ppm'),
        min_seconds=var('co2_min_seconds'),
        upper_bound='watermark'
    ) | indent(4) }}
),

final as (
    select
        device_id,
        started_at,
        ended_at,
        duration_seconds,
        peak_value as peak_co2_ppm,
        cast(event_count as integer) as event_count,
        is_open
    from episodes
)

select * from final
