{% macro delete_unverified_state_devices(staging_model, measurement_type) -%}
    {#- Pre-hook of the incremental interval facts: drop every row of the devices
        unverified_state_devices names, so the run rebuilds them from their first event like
        new devices (a device with no staged event left simply disappears, as in a full
        build). A no-op on full builds. -#}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where device_id in (
        {{ iot_facts.unverified_state_devices(staging_model, measurement_type) | indent(8) }}
    )
    {%- endif -%}
{%- endmacro %}
