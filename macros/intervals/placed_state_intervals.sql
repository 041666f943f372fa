{% macro placed_state_intervals(staging_model, measurement_type, value_columns) -%}
    {#- A state measurement as placed interval facts, maintained incrementally: on an
        incremental run only the affected span of each device is recomputed (see
        incremental_state_scope) and replaced by the device_rebuild strategy. Each run carries
        the device placement (space_id, zone_id) valid at valid_from (ASOF join on
        int_device_placements) and loaded_through_at, the manifest high-water mark it was built
        from. Placements are as of the run that built the row: rebuild with --full-refresh after
        moving fixed devices. -#}
    {%- set scope = iot_facts.incremental_state_scope(staging_model, measurement_type)
        if is_incremental() else none -%}
    with

    intervals as (
        {{ iot_facts.state_intervals(staging_model, measurement_type, value_columns, scope=scope)
           | indent(8) }}
    ),

    placed as (
        {{ iot_facts.with_placement('intervals', 'valid_from') | indent(8) }}
    ),

    final as (
        select
            device_id,
            valid_from,
            valid_to,
            {%- for c in value_columns %}
            {{ c }},
            {%- endfor %}
            duration_seconds,
            cast(event_count as integer) as event_count,
            is_open,
            is_capped,
            space_id,
            zone_id,
            {{ iot_facts.manifest_loaded_through() }} as loaded_through_at
        from placed
    )

    select * from final
{%- endmacro %}
