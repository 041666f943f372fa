{% macro rollup_inputs_signature(upstreams, entity_inputs) -%}
    {#- A scalar query hashing what an incremental roll-up joins besides its upstream facts'
        rows (see rollup_rebuild_scope): the set of devices in the upstreams, and each entity
        input's rows on the given columns (only those devices' rows where it has device_id).
        Order-independent: bit_xor of row hashes. -#}
    (
        with

        ri_devices as (
            {%- for model, _ in upstreams %}
            {%- if not loop.first %}
            union
            {%- endif %}
            select device_id from {{ ref(model) }}
            {%- endfor %}
        )

        {%- set parts = [
            '(select bit_xor(' ~ iot_facts.hash_of(['ri_devices.device_id']) ~ ') from ri_devices)'
        ] %}
        {%- for model, columns in entity_inputs %}
        {%- do parts.append(
            '(select bit_xor(' ~ iot_facts.hash_of(columns) ~ ') from ' ~ ref(model)
            ~ (' where device_id in (select ri_devices.device_id from ri_devices)'
                if 'device_id' in columns else '')
            ~ ')'
        ) %}
        {%- endfor %}
        select {{ iot_facts.hash_of(parts) }}
    )
{%- endmacro %}
