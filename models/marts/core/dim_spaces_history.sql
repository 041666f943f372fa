{#- The space tree as it was (SCD2): a space gets a new version when it changes itself or when
    its path changes above it (a floor renamed or re-parented gives every space under it a new
    version). The tree is constant between the change points of int_spaces_versions: each
    such state is closed over (space_ancestry) as its own forest, ids prefixed with the state
    so the trees never meet, and consecutive states showing a space the same are one version
    (snapshot_versions, with the states as the series). -#}
with

versions as (
    select * from {{ ref('int_spaces_versions') }}
),

change_points as (
    select valid_from as state_from from versions
    union
    select valid_to from versions
    where valid_to is not null
),

states as (
    select
        row_number() over (order by state_from) as snapshot_seq,
        state_from as snapshot_at
    from change_points
),

state_spaces as (
    select
        states.snapshot_seq,
        versions.*,
        states.snapshot_seq || '/' || versions.space_id as node_id,
        states.snapshot_seq || '/' || versions.parent_space_id as parent_node_id
    from states
    inner join versions
        on
            states.snapshot_at >= versions.valid_from
            and states.snapshot_at < coalesce(versions.valid_to, {{ iot_facts.ts_infinity() }})
),

ancestry as (
    {{ space_ancestry('state_spaces', 'node_id', 'parent_node_id') | indent(4) }}
),

lineage as (
    {{ space_lineage('ancestry', 'state_spaces', id_column='node_id') | indent(4) }}
),

ancestor_lists as (
    -- the ids above each space then, nearest first (bridge_space_ancestors_history)
    select
        space_id as node_id,
        {{ iot_facts.ordered_list("regexp_replace(ancestor_space_id, '^[0-9]+/', '')", 'distance') }}
            as ancestor_ids
    from ancestry
    group by space_id
),

state_rows as (
    select
        state_spaces.snapshot_seq,
        state_spaces.space_id,
        state_spaces.space_name,
        state_spaces.space_type,
        state_spaces.parent_space_id,
        -- the ids without their state prefix
        regexp_replace(lineage.root_space_id, '^[0-9]+/', '') as root_space_id,
        regexp_replace(lineage.location_id, '^[0-9]+/', '') as location_id,
        regexp_replace(lineage.building_id, '^[0-9]+/', '') as building_id,
        regexp_replace(lineage.floor_id, '^[0-9]+/', '') as floor_id,
        cast(lineage.depth as integer) as depth,
        lineage.space_path,
        ancestor_lists.ancestor_ids,
        state_spaces.organization_id,
        {{ geojson_point_coordinate('state_spaces.position_global', 1) }} as longitude,
        {{ geojson_point_coordinate('state_spaces.position_global', 2) }} as latitude,
        state_spaces.north_vector_deg,
        lineage.hierarchy_issue,
        state_spaces.created_at,
        state_spaces.updated_at
    from state_spaces
    inner join lineage on state_spaces.node_id = lineage.space_id
    inner join ancestor_lists on state_spaces.node_id = ancestor_lists.node_id
),

space_versions as (
    {{ snapshot_versions(
        'state_rows', 'states', ['space_id'],
        ['space_name', 'space_type', 'parent_space_id', 'root_space_id', 'location_id',
         'building_id', 'floor_id', 'depth', 'space_path', 'ancestor_ids', 'organization_id',
         'longitude',
         'latitude', 'north_vector_deg', 'hierarchy_issue']
    ) | indent(4) }}
),

final as (
    select
        space_id,
        valid_from,
        valid_to,
        version_number,
        is_current,
        is_deleted,
        space_name,
        space_type,
        parent_space_id,
        root_space_id,
        depth,
        space_path,
        ancestor_ids,
        location_id,
        building_id,
        floor_id,
        organization_id,
        longitude,
        latitude,
        north_vector_deg,
        hierarchy_issue,
        created_at,
        updated_at
    from space_versions
)

select * from final
