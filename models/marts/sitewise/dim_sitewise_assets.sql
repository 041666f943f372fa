with

assets as (
    select * from {{ ref('int_sitewise_assets') }}
),

ancestry as (
    select * from {{ ref('int_sitewise_asset_ancestry') }}
),

lineage as (
    select
        ancestry.asset_id,
        any_value(ancestry.top_asset_id) as root_asset_id,
        any_value(ancestry.hierarchy_issue) as hierarchy_issue,
        max(ancestry.distance) as depth,
        {{ ordered_string_agg(
            "coalesce(ancestors.asset_name, '?')", "' / '", 'ancestry.distance desc'
        ) }} as asset_path
    from ancestry
    inner join assets as ancestors on ancestry.ancestor_asset_id = ancestors.asset_id
    group by ancestry.asset_id
),

final as (
    select
        assets.asset_id,
        assets.asset_name,
        assets.asset_model_id,
        assets.asset_model_name,
        assets.parent_asset_id,
        lineage.root_asset_id,
        cast(lineage.depth as integer) as depth,
        lineage.asset_path,
        coalesce(
            lineage.hierarchy_issue,
            case when assets.parent_count > 1 then 'multiple_parents' end
        ) as hierarchy_issue,
        assets.asset_status,
        assets.asset_created_at,
        assets.asset_updated_at
    from assets
    inner join lineage on assets.asset_id = lineage.asset_id
)

select * from final
