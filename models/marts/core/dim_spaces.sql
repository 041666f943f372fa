with

spaces as (
    select * from {{ ref('int_spaces_current') }}
),

ancestry as (
    select * from {{ ref('int_space_ancestry') }}
),

ancestors_typed as (
    select
        ancestry.space_id,
        ancestry.distance,
        ancestry.top_space_id,
        ancestry.hierarchy_issue,
        ancestors.space_type as ancestor_type,
        ancestors.space_name as ancestor_name,
        ancestry.ancestor_space_id
    from ancestry
    inner join spaces as ancestors on ancestry.ancestor_space_id = ancestors.space_id
),

lineage as (
    select
        space_id,
        any_value(top_space_id) as root_space_id,
        any_value(hierarchy_issue) as hierarchy_issue,
        max(distance) as depth,
        string_agg(coalesce(ancestor_name, '?'), ' / ' order by distance desc) as space_path,
        arg_min(ancestor_space_id, distance) filter (where ancestor_type = 'location')
            as location_id,
        arg_min(ancestor_space_id, distance) filter (where ancestor_type = 'building')
            as building_id,
        arg_min(ancestor_space_id, distance) filter (where ancestor_type = 'floor')
            as floor_id
    from ancestors_typed
    group by space_id
),

final as (
    select
        spaces.space_id,
        spaces.space_name,
        spaces.space_type,
        spaces.parent_space_id,
        lineage.root_space_id,
        cast(lineage.depth as integer) as depth,
        lineage.space_path,
        lineage.location_id,
        lineage.building_id,
        lineage.floor_id,
        spaces.organization_id,
        {{ geojson_point_coordinate('spaces.position_global', 1) }} as longitude,
        {{ geojson_point_coordinate('spaces.position_global', 2) }} as latitude,
        spaces.north_vector_deg,
        lineage.hierarchy_issue,
        spaces.created_at,
        spaces.updated_at
    from spaces
    inner join lineage on spaces.space_id = lineage.space_id
)

select * from final
