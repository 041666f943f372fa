{#- Environment metrics rolled up from devices to their zone and to every space above it,
    as the tree was at the hour's start (bridge_space_ancestors_history). Averages are
    weighted by each device's covered seconds, so the area average is the time-weighted mean
    over its devices. Incremental: an hourly run rebuilds
    the hours from the earliest device hour fct_environment_hourly rewrote (time_rebuild). -#}
{%- set upstreams = [['fct_environment_hourly', 'hour_start']] %}
{%- set entity_inputs = [
    ['int_device_placements', ['device_id', 'valid_from', 'valid_to', 'space_id', 'zone_id']],
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

device_hourly as (
    select * from {{ ref('fct_environment_hourly') }}
    where hour_start >= (select rebuild.rebuild_from from rebuild)
),

ancestors as (
    -- the tree as it was (the hour's start picks the version)
    select * from {{ ref('bridge_space_ancestors_history') }}
),

placed as (
    {{ with_placement('device_hourly', 'hour_start') | indent(4) }}
),

area_rows as (
    select
        'zone' as area_type,
        zone_id as area_id,
        *
    from placed
    where zone_id is not null
    union all
    select
        'space' as area_type,
        ancestors.ancestor_space_id as area_id,
        placed.*
    from placed
    inner join ancestors
        on
            placed.space_id = ancestors.descendant_space_id
            and placed.hour_start >= ancestors.valid_from
            and placed.hour_start < coalesce(ancestors.valid_to, {{ iot_facts.ts_infinity() }})
),

final as (
    select
        area_type,
        area_id,
        hour_start,
        local_date,
        local_hour,
        local_weekday,
        is_business_hour,
        metric,
        unit,
        sum(time_weighted_avg * covered_seconds) / sum(covered_seconds) as time_weighted_avg,
        min(min_value) as min_value,
        max(max_value) as max_value,
        cast(sum(sample_count) as integer) as sample_count,
        cast(count(distinct device_id) as integer) as devices_observed,
        (select rebuild.inputs_signature from rebuild) as inputs_signature,
        {{ manifest_loaded_through() }} as loaded_through_at
    from area_rows
    group by all
)

select * from final
