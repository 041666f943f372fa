{#- Devices as they were (SCD2): a device gets a new version when it changes itself (renamed,
    moved to another space by its v1 snapshot's spaceId, ...) or when its space's place in the
    tree changes (dim_spaces_history), and its last version is flagged is_deleted when a
    delivered snapshot no longer lists it. Built like dim_zones_history. -#}
with

device_versions as (
    select * from {{ ref('int_devices_versions') }}
),

space_history as (
    select * from {{ ref('dim_spaces_history') }}
),

pieces as (
    {{ history_pieces('device_versions', ['device_id'], 'space_id', 'space_history', 'space_id')
        | indent(4) }}
),

placed_pieces as (
    select
        pieces.device_id,
        pieces.valid_from,
        pieces.valid_to,
        device_versions.device_name,
        device_versions.model_type,
        device_versions.external_id,
        device_versions.tuid,
        device_versions.installation_status,
        device_versions.space_id,
        space_history.space_path,
        space_history.floor_id,
        space_history.building_id,
        space_history.location_id,
        device_versions.organization_id,
        device_versions.created_at,
        device_versions.updated_at,
        pieces.is_base_end and device_versions.is_deleted as piece_is_deleted
    from pieces
    inner join device_versions
        on
            pieces.device_id = device_versions.device_id
            and pieces.base_valid_from = device_versions.valid_from
    left join space_history
        on
            device_versions.space_id = space_history.space_id
            and pieces.other_valid_from = space_history.valid_from
),

merged as (
    {{ merge_history_pieces(
        'placed_pieces', ['device_id'],
        ['device_name', 'model_type', 'external_id', 'tuid', 'installation_status', 'space_id',
         'space_path', 'floor_id', 'building_id', 'location_id', 'organization_id']
    ) | indent(4) }}
),

final as (
    select
        device_id,
        valid_from,
        valid_to,
        version_number,
        is_current,
        is_deleted,
        device_name,
        model_type,
        external_id,
        tuid,
        installation_status,
        space_id,
        space_path,
        floor_id,
        building_id,
        location_id,
        organization_id,
        created_at,
        updated_at
    from merged
)

select * from final
