with

cases as (
    select 'g1' as case_id, '{"type":"Point","coordinates":[24.94,60.17]}' as geojson
    union all select 'g2', '{"type":"Point","coordinates":[-122.5,37.75,12.0]}' -- altitude
    union all select 'g3', '{"type":' -- truncated
    union all select 'g4', '{"type":"Point"}' -- no coordinates
    union all select 'g5', 'not json'
    union all select 'g6', null
    union all select 'g7', '{"type":"Point","coordinates":["a","b"]}'
)

select
    case_id,
    {{ iot_facts.geojson_point_coordinate('geojson', 1) }} as longitude,
    {{ iot_facts.geojson_point_coordinate('geojson', 2) }} as latitude
from cases
