with

points as (
    select * from {{ ref('int_sitewise_points') }}
    where numeric_value is not null
),

series as (
    select * from {{ ref('int_sitewise_series') }}
),

hourly as (
    {{ time_weighted_by_grain(
        'points',
        partition_by=['series_id'],
        time_column='measured_at',
        value_column='numeric_value',
        upper_bound='watermark',
        grain='hour'
    ) | indent(4) }}
),

final as (
    select
        hourly.series_id,
        series.asset_id,
        series.property_id,
        hourly.bucket_start as hour_start,
        hourly.time_weighted_avg,
        hourly.min_value,
        hourly.max_value,
        cast(hourly.sample_count as integer) as sample_count,
        hourly.covered_seconds
    from hourly
    inner join series on hourly.series_id = series.series_id
)

select * from final
