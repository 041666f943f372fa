{#- Zones as they were (SCD2): a zone gets a new version when it changes itself or when its
    space's place in the tree changes (dim_spaces_history). The zone's versions are split
    where its space's version changes (history_pieces), and adjacent pieces that show the
    zone the same are merged again (merge_history_pieces). -#}
with

zone_versions as (
    select * from {{ ref('int_zones_versions') }}
),

space_history as (
    select * from {{ ref('dim_spaces_history') }}
),

pieces as (
    {{ history_pieces('zone_versions', ['zone_id'], 'space_id', 'space_history', 'space_id')
        | indent(4) }}
),

placed_pieces as (
    select
        pieces.zone_id,
        pieces.valid_from,
        pieces.valid_to,
        zone_versions.zone_name,
        zone_versions.zone_type,
        zone_versions.space_id,
        space_history.space_path,
        space_history.floor_id,
        space_history.building_id,
        space_history.location_id,
        zone_versions.organization_id,
        zone_versions.polygon_global as polygon_geojson,
        {{ geojson_polygon_centroid('zone_versions.polygon_global', 1) }} as centroid_longitude,
        {{ geojson_polygon_centroid('zone_versions.polygon_global', 2) }} as centroid_latitude,
        space_history.space_id is null as is_space_missing,
        zone_versions.created_at,
        zone_versions.updated_at,
        pieces.is_base_end and zone_versions.is_deleted as piece_is_deleted
    from pieces
    inner join zone_versions
        on
            pieces.zone_id = zone_versions.zone_id
            and pieces.base_valid_from = zone_versions.valid_from
    left join space_history
        on
            zone_versions.space_id = space_history.space_id
            and pieces.other_valid_from = space_history.valid_from
),

merged as (
    {{ merge_history_pieces(
        'placed_pieces', ['zone_id'],
        ['zone_name', 'zone_type', 'space_id', 'space_path', 'floor_id', 'building_id',
         'location_id', 'organization_id', 'polygon_geojson', 'is_space_missing']
    ) | indent(4) }}
),

final as (
    select
        zone_id,
        valid_from,
        valid_to,
        version_number,
        is_current,
        is_deleted,
        zone_name,
        zone_type,
        space_id,
        space_path,
        floor_id,
        building_id,
        location_id,
        organization_id,
        polygon_geojson,
        centroid_longitude,
        centroid_latitude,
        is_space_missing,
        created_at,
        updated_at
    from merged
)

select * from final
