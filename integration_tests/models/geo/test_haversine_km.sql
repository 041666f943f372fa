with

cases as (
    select 'h1' as case_id, 0.0 as lat1, 0.0 as lon1, 0.0 as lat2, 1.0 as lon2 -- 1 deg equator
    union all select 'h2', 0.0, 0.0, 1.0, 0.0 -- 1 deg meridian
    union all select 'h3', 0.0, 0.0, 0.0, 180.0 -- antipodes on the equator
    union all select 'h4', 90.0, 0.0, -90.0, 0.0 -- pole to pole
    union all select 'h5', 0.0, 0.0, 0.0, 90.0 -- quarter circle
    union all select 'h6', 60.17, 24.94, 60.17, 24.94 -- same point
    union all select 'h7', 0.0, 179.5, 0.0, -179.5 -- across the antimeridian
)

select
    case_id,
    round({{ iot_facts.haversine_km('lat1', 'lon1', 'lat2', 'lon2') }}, 6) as distance_km
from cases
