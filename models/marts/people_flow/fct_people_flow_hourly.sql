{#- Directional movement events are per-event counts ([EVT]); the docs also describe them as
    cumulative since reset ([ODE]). Treated as per event, as the measurement seed documents. -#}
with

movements as (
    select * from {{ ref('stg_haltian__directional_movement_measurements') }}
),

devices as (
    select * from {{ ref('dim_devices') }}
),

hourly as (
    select
        device_id,
        date_trunc('hour', measured_at) as hour_start,
        sum(entries) as entries,
        sum(exits) as exits,
        count(*) as events
    from movements
    group by all
),

placed as (
    {{ with_placement('hourly', 'hour_start') | indent(4) }}
),

final as (
    select
        placed.device_id,
        placed.hour_start,
        {{ local_time_columns('placed.hour_start') | indent(8) }},
        cast(placed.entries as bigint) as entries,
        cast(placed.exits as bigint) as exits,
        cast(placed.entries - placed.exits as bigint) as net_flow,
        cast(placed.events as integer) as events,
        coalesce(devices.is_device_group, false) as is_device_group,
        placed.space_id,
        placed.zone_id
    from placed
    left join devices on placed.device_id = devices.device_id
)

select * from final
