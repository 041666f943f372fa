with

properties as (
    select * from {{ ref('stg_sitewise__asset_properties') }}
),

hierarchy as (
    select * from {{ ref('stg_sitewise__asset_hierarchy') }}
),

assets as (
    -- every line of an asset's metadata file repeats the asset's own fields
    select
        asset_id,
        max(asset_name) as asset_name,
        max(asset_model_id) as asset_model_id,
        max(asset_model_name) as asset_model_name,
        max(asset_status) as asset_status,
        max(asset_created_at) as asset_created_at,
        max(asset_updated_at) as asset_updated_at
    from properties
    group by asset_id
),

parents as (
    -- SiteWise gives an asset one parent; should two files disagree, the first id wins and
    -- parent_count says so (dim_sitewise_assets flags it)
    select
        child_asset_id,
        parent_asset_id,
        hierarchy_id,
        count(*) over (partition by child_asset_id) as parent_count
    from hierarchy
    where association_type = 'CHILD'
    qualify row_number() over (partition by child_asset_id order by parent_asset_id) = 1
),

final as (
    select
        assets.asset_id,
        parents.parent_asset_id,
        parents.hierarchy_id,
        coalesce(parents.parent_count, 0) as parent_count,
        assets.asset_model_id,
        assets.asset_name,
        assets.asset_model_name,
        assets.asset_status,
        assets.asset_created_at,
        assets.asset_updated_at
    from assets
    left join parents on assets.asset_id = parents.child_asset_id
)

select * from final
