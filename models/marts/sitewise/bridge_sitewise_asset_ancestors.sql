with

ancestry as (
    select * from {{ ref('int_sitewise_asset_ancestry') }}
),

final as (
    select
        ancestor_asset_id,
        asset_id as descendant_asset_id,
        cast(distance as integer) as distance
    from ancestry
)

select * from final
