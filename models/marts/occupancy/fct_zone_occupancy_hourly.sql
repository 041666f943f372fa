{{ area_occupancy_hourly(
    'zone_id',
    'zone_id',
    "select zone_id as placement_key, zone_id as area_id from " ~ ref('dim_zones')
) }}
