with

cases as (
    select cases.case_id, cases.geojson
    from (values
        ('g1', '{"type":"Point","coordinates":[24.94,60.17]}'),
        ('g2', '{"type":"Point","coordinates":[-122.5,37.75,12.0]}'), -- with altitude
        ('g3', '{"type":'), -- truncated
        ('g4', '{"type":"Point"}'), -- no coordinates
        ('g5', 'not json'),
        ('g6', null),
        ('g7', '{"type":"Point","coordinates":["a","b"]}')
    ) as cases (case_id, geojson)
)

select
    case_id,
    {{ iot_facts.geojson_point_coordinate('geojson', 1) }} as longitude,
    {{ iot_facts.geojson_point_coordinate('geojson', 2) }} as latitude
from cases
