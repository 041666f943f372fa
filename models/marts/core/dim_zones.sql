with

zones as (
    select * from {{ ref('int_zones_current') }}
),

spaces as (
    select * from {{ ref('dim_spaces') }}
),

final as (
    select
        zones.zone_id,
        zones.zone_name,
        zones.zone_type,
        zones.space_id,
        spaces.floor_id,
        spaces.building_id,
        spaces.location_id,
        zones.organization_id,
        zones.polygon_global as polygon_geojson,
        {{ geojson_polygon_centroid('zones.polygon_global', 1) }} as centroid_longitude,
        {{ geojson_polygon_centroid('zones.polygon_global', 2) }} as centroid_latitude,
        spaces.space_id is null as is_space_missing,
        zones.created_at,
        zones.updated_at
    from zones
    left join spaces on zones.space_id = spaces.space_id
)

select * from final
