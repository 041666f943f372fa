{#- SiteWise's delivered metrics next to the same statistics computed from the staged raw
    points of the series, quality and period ([period_start, period_end), plain statistics over
    the points, not time-weighted). Raw points are bucketed to each resolution's period
    (UTC-aligned, as SiteWise aligns them) and joined on the period start, so the cost stays
    linear in the points. -#}
{%- set tolerance = var('sitewise_reconciliation_tolerance') -%}
with

metrics as (
    select * from {{ ref('stg_sitewise__agg_values') }}
),

raw_values as (
    select
        series_id,
        quality,
        measured_at,
        coalesce(double_value, integer_value::double) as numeric_value
    from {{ ref('stg_sitewise__raw_values') }}
    where double_value is not null or integer_value is not null
),

resolutions as (
    select distinct resolution from metrics
),

raw_periods as (
    select
        raw_values.series_id,
        raw_values.quality,
        resolutions.resolution,
        {{ time_bucket_seconds(
            sitewise_resolution_seconds('resolutions.resolution'), 'raw_values.measured_at'
        ) }} as period_start,
        count(*) as raw_count,
        min(raw_values.numeric_value) as raw_min,
        max(raw_values.numeric_value) as raw_max,
        sum(raw_values.numeric_value) as raw_sum,
        avg(raw_values.numeric_value) as raw_average
    from raw_values
    cross join resolutions
    group by all
),

compared as (
    select
        metrics.series_id,
        metrics.resolution,
        metrics.period_start,
        metrics.period_end,
        metrics.quality,
        metrics.point_count as sitewise_count,
        metrics.min_value as sitewise_min,
        metrics.max_value as sitewise_max,
        metrics.sum_value as sitewise_sum,
        metrics.average_value as sitewise_average,
        coalesce(raw_periods.raw_count, 0) as raw_count,
        raw_periods.raw_min,
        raw_periods.raw_max,
        raw_periods.raw_sum,
        raw_periods.raw_average
    from metrics
    left join raw_periods
        on
            metrics.series_id = raw_periods.series_id
            and metrics.quality = raw_periods.quality
            and metrics.resolution = raw_periods.resolution
            and metrics.period_start = raw_periods.period_start
),

final as (
    select
        *,
        coalesce(
            sitewise_count = raw_count
            {%- for stat in ['min', 'max', 'sum', 'average'] %}
                and {{ sitewise_values_agree('sitewise_' ~ stat, 'raw_' ~ stat, tolerance) }}
            {%- endfor %},
            false
        ) as is_match
    from compared
)

select * from final
