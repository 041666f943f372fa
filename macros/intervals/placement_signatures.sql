{% macro placement_signatures() -%}
    {#- Per device, an order-independent hash of all its placements (int_device_placements):
        stored on the placed interval facts, so an incremental run sees which devices' past
        placement changed (a move in a new snapshot) and rebuilds them
        (delete_unverified_state_devices). Columns: device_id, placement_signature. -#}
    select
        device_id,
        bit_xor({{ iot_facts.hash_of(['valid_from', 'valid_to', 'space_id', 'zone_id']) }}) as placement_signature
    from {{ ref('int_device_placements') }}
    group by device_id
{%- endmacro %}
