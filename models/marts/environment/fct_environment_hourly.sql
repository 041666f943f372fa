with

samples as (
    select * from {{ ref('int_sampled_values_unioned') }}
    where domain = 'environment'
),

watermarks as (
    select * from {{ ref('int_measurement_watermarks') }}
),

bounded as (
    select
        samples.*,
        watermarks.watermark
    from samples
    inner join watermarks on samples.measurement_type = watermarks.measurement_type
),

hourly as (
    {{ time_weighted_by_grain(
        'bounded',
        partition_by=['device_id', 'metric', 'unit'],
        time_column='measured_at',
        value_column='metric_value',
        upper_bound='watermark',
        grain='hour'
    ) | indent(4) }}
),

final as (
    select
        device_id,
        bucket_start as hour_start,
        metric,
        unit,
        time_weighted_avg,
        min_value,
        max_value,
        cast(sample_count as integer) as sample_count,
        covered_seconds
    from hourly
)

select * from final
