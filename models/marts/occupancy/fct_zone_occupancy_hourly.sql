{#- A zone counts the devices placed in it while it existed (dim_zones_history; its first
    version also before the first snapshot), so a deleted zone keeps its past hours.
    Incremental: an hourly run rebuilds the hours from the earliest interval the occupancy
    facts rewrote (time_rebuild). -#}
{%- set upstreams = [
    ['fct_occupancy_intervals', 'valid_from'],
    ['fct_occupants_count_intervals', 'valid_from'],
] %}
{%- set entity_inputs = [
    ['dim_devices', ['device_id', 'is_device_group']],
    ['dim_zones_history', ['zone_id', 'valid_from', 'valid_to']],
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
        'zone_id',
        'zone_id',
        "select zone_id as placement_key, zone_id as area_id, case when version_number = 1"
        ~ " then " ~ iot_facts.ts_neg_infinity() ~ " else valid_from end as valid_from, valid_to from "
        ~ ref('dim_zones_history'),
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
