{#- As test_area_occupancy_hourly, rebuilt from 11:00 as an incremental run would. -#}
with

hourly as (
    {{ iot_facts.area_occupancy_hourly(
        'zone_id',
        'zone_id',
        "select area_map.placement_key, area_map.area_id, cast(area_map.valid_from as timestamp)"
        ~ " as valid_from, cast(area_map.valid_to as timestamp) as valid_to from (values"
        ~ " ('z1', 'z1', '-infinity', null), ('z2', 'z2', '-infinity', null),"
        ~ " ('z1', 'all', '-infinity', null), ('z2', 'all', '-infinity', null),"
        ~ " ('z1', 'z1late', '2024-01-03 11:00', null), ('z2', 'z2early', '-infinity',"
        ~ " '2024-01-03 14:00')) as area_map (placement_key, area_id, valid_from, valid_to)",
        rebuild_from="timestamp '2024-01-03 11:00:00'"
    ) | indent(4) }}
)

select
    zone_id,
    hour_start,
    devices_observed,
    occupied_seconds,
    observed_seconds,
    round(utilization_ratio, 9) as utilization_ratio,
    peak_occupants,
    is_business_hour
from hourly
