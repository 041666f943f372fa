{#- A space counts the devices placed in it and in all its descendants (closure table). -#}
{{ area_occupancy_hourly(
    'space_id',
    'space_id',
    "select descendant_space_id as placement_key, ancestor_space_id as area_id from "
    ~ ref('bridge_space_ancestors')
) }}
