{#- One row per time series seen in raw values or asset metadata, with its asset and property:
    from the series id where it is {assetId}_{propertyId}, else from the asset metadata. -#}
with

raw_values as (
    select * from {{ ref('stg_sitewise__raw_values') }}
),

properties as (
    select * from {{ ref('stg_sitewise__asset_properties') }}
),

seen as (
    select
        series_id,
        any_value(asset_id) as asset_id,
        any_value(property_id) as property_id
    from raw_values
    group by series_id
),

described as (
    select
        time_series_id as series_id,
        max(asset_id) as asset_id,
        max(property_id) as property_id,
        max(property_name) as property_name,
        max(data_type) as data_type,
        max(unit) as unit
    from properties
    where time_series_id is not null
    group by time_series_id
),

final as (
    select
        coalesce(described.series_id, seen.series_id) as series_id,
        coalesce(described.asset_id, seen.asset_id) as asset_id,
        coalesce(described.property_id, seen.property_id) as property_id,
        described.property_name,
        described.data_type,
        described.unit,
        described.series_id is not null as is_described
    from described
    full outer join seen on described.series_id = seen.series_id
)

select * from final
