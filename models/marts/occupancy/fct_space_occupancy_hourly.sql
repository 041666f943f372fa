{#- A space counts the devices placed in it and in all its descendants, as the tree was at the
    hour's start (bridge_space_ancestors_history).
    Incremental: an hourly run rebuilds the hours from the earliest interval the occupancy
    facts rewrote (time_rebuild). -#}
{%- set upstreams = [
    ['fct_occupancy_intervals', 'valid_from'],
    ['fct_occupants_count_intervals', 'valid_from'],
] %}
{%- set entity_inputs = [
    ['dim_devices', ['device_id', 'is_device_group']],
    ['bridge_space_ancestors_history',
     ['descendant_space_id', 'ancestor_space_id', 'valid_from', 'valid_to']],
] %}
{{ config(
    materialized='incremental',
    incremental_strategy='time_rebuild',
    rebuild_from='hour_start',
    rebuild_upstreams=upstreams,
    rebuild_entity_inputs=entity_inputs,
    on_schema_change='fail',
    partition_by=(none if target.type == 'duckdb' else ['local_date']),
) }}

with

rebuild as (
    {{ rollup_rebuild_scope(upstreams, entity_inputs) | indent(4) }}
),

hourly as (
    {{ area_occupancy_hourly(
        'space_id',
        'space_id',
        "select descendant_space_id as placement_key, ancestor_space_id as area_id, valid_from,"
        ~ " valid_to from " ~ ref('bridge_space_ancestors_history'),
        rebuild_from='(select rebuild.rebuild_from from rebuild)' if is_incremental() else none
    ) | indent(4) }}
),

final as (
    select
        hourly.*,
        rebuild.inputs_signature,
        {{ manifest_loaded_through() }} as loaded_through_at
    from hourly
    cross join rebuild
)

select * from final
