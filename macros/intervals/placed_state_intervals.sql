{% macro placed_state_intervals(staging_model, measurement_type, value_columns) -%}
    {#- A state measurement as placed interval facts, maintained incrementally: on an
        incremental run only the affected span of each device is recomputed (see
        incremental_state_scope) and replaced by the device_rebuild strategy. Runs are cut
        where the device's placement changes (split_at_placements), and each piece carries the
        placement (space_id, zone_id) valid at its start (ASOF join on int_device_placements),
        the device's placement_signature (a changed one makes the next run rebuild the device:
        delete_unverified_state_devices) and loaded_through_at, the manifest high-water mark
        it was built from. -#}
    {%- set scope = iot_facts.incremental_state_scope(staging_model, measurement_type)
        if is_incremental() else none -%}
    with

    intervals as (
        {{ iot_facts.state_intervals(staging_model, measurement_type, value_columns, scope=scope)
           | indent(8) }}
    ),

    pieces as (
        {{ iot_facts.split_at_placements('intervals', ref('int_device_placements')) | indent(8) }}
    ),

    placed as (
        {{ iot_facts.with_placement('pieces', 'valid_from') | indent(8) }}
    ),

    signatures as (
        {{ iot_facts.placement_signatures() | indent(8) }}
    ),

    final as (
        select
            placed.device_id,
            valid_from,
            valid_to,
            {%- for c in value_columns %}
            {{ c }},
            {%- endfor %}
            duration_seconds,
            cast(event_count as integer) as event_count,
            is_open,
            is_capped,
            is_placement_split,
            space_id,
            zone_id,
            signatures.placement_signature,
            {{ iot_facts.manifest_loaded_through() }} as loaded_through_at
        from placed
        left join signatures on placed.device_id = signatures.device_id
    )

    select * from final
{%- endmacro %}
