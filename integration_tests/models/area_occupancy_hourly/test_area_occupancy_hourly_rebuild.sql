{#- As test_area_occupancy_hourly, rebuilt from 11:00 as an incremental run would. -#}
with

hourly as (
    {{ iot_facts.area_occupancy_hourly(
        'zone_id',
        'zone_id',
        "select area_map.placement_key, area_map.area_id from (values ('z1', 'z1'), ('z2', 'z2'),"
        ~ " ('z1', 'all'), ('z2', 'all')) as area_map (placement_key, area_id)",
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
