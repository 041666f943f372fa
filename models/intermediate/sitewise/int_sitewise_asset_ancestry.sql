with

assets as (
    select * from {{ ref('int_sitewise_assets') }}
),

ancestry as (
    {{ space_ancestry('assets', 'asset_id', 'parent_asset_id') | indent(4) }}
),

final as (
    -- the shared hierarchy macro names its columns after spaces
    select
        space_id as asset_id,
        ancestor_space_id as ancestor_asset_id,
        distance,
        top_space_id as top_asset_id,
        hierarchy_issue
    from ancestry
)

select * from final
