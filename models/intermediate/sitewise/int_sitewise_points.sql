{#- Raw points of the qualities the facts use (var sitewise_qualities, GOOD by default), with
    the watermark of the SiteWise raw export and the series' asset and property. -#}
with

raw_values as (
    select * from {{ ref('stg_sitewise__raw_values') }}
    where quality in ({{ "'" ~ var('sitewise_qualities') | join("', '") ~ "'" }})
),

series as (
    select * from {{ ref('int_sitewise_series') }}
),

watermarks as (
    select * from {{ ref('int_measurement_watermarks') }}
    where measurement_type = 'sitewise_raw'
),

final as (
    select
        raw_values.series_id,
        series.asset_id,
        series.property_id,
        raw_values.measured_at,
        raw_values.quality,
        raw_values.double_value,
        raw_values.integer_value,
        raw_values.boolean_value,
        raw_values.string_value,
        coalesce(raw_values.double_value, raw_values.integer_value::double) as numeric_value,
        watermarks.watermark
    from raw_values
    inner join series on raw_values.series_id = series.series_id
    cross join watermarks
)

select * from final
