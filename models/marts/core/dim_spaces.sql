with

spaces as (
    select * from {{ ref('int_spaces_current') }}
),

ancestry as (
    select * from {{ ref('int_space_ancestry') }}
),

lineage as (
    {{ space_lineage('ancestry', 'spaces') | indent(4) }}
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
