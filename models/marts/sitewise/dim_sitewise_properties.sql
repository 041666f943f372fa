with

properties as (
    select * from {{ ref('stg_sitewise__asset_properties') }}
),

final as (
    select
        time_series_id,
        asset_id,
        property_id,
        asset_name,
        property_name,
        data_type,
        unit,
        property_alias,
        time_series_bucket
    from properties
    where time_series_id is not null
    qualify row_number() over (partition by time_series_id order by asset_id, property_id) = 1
)

select * from final
