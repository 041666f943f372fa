with

cases as (
    select cases.case_id, cases.lat1, cases.lon1, cases.lat2, cases.lon2
    from (values
        ('h1', 0.0, 0.0, 0.0, 1.0), -- one degree of the equator
        ('h2', 0.0, 0.0, 1.0, 0.0), -- one degree of a meridian
        ('h3', 0.0, 0.0, 0.0, 180.0), -- antipodes on the equator
        ('h4', 90.0, 0.0, -90.0, 0.0), -- pole to pole
        ('h5', 0.0, 0.0, 0.0, 90.0), -- a quarter circle
        ('h6', 60.17, 24.94, 60.17, 24.94), -- the same point
        ('h7', 0.0, 179.5, 0.0, -179.5) -- across the antimeridian
    ) as cases (case_id, lat1, lon1, lat2, lon2)
)

select
    case_id,
    round({{ iot_facts.haversine_km('lat1', 'lon1', 'lat2', 'lon2') }}, 6) as distance_km
from cases
