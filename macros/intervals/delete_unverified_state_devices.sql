{% macro delete_unverified_state_devices(staging_model, measurement_type) -%}
    {#- Pre-hook of the incremental interval facts: drop every row of the devices
        unverified_state_devices names, and of those whose placement_signature no longer
        matches their placements (a move, a rename of the keyword's zone, a device deleted),
        so the run rebuilds them from their first event like new devices (a device with no
        staged event left simply disappears, as in a full build). A no-op on full builds. -#}
    {%- if is_incremental() -%}
    {%- set unverified -%}
        existing.device_id in (
            {{ iot_facts.unverified_state_devices(staging_model, measurement_type) | indent(12) }}
        )
        or existing.device_id in (
            select built.device_id
            from (
                select device_id, any_value(placement_signature) as placement_signature
                from {{ this }}
                group by device_id
            ) as built
            left join (
                {{ iot_facts.placement_signatures() | indent(16) }}
            ) as placed
                on built.device_id = placed.device_id
            where built.placement_signature is distinct from placed.placement_signature
        )
    {%- endset -%}
    {{ iot_facts.delete_rows(this, unverified) }}
    {%- endif -%}
{%- endmacro %}
