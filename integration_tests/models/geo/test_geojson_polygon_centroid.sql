with

cases as (
    select
        'c1' as case_id,
        '{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}' as geojson
    union all select 'c2', '{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2]]]}'
    union all select
        'c3', '{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,1],[1,1],[1,3],[0,3],[0,0]]]}'
    union all select 'c4', '{"type":"Polygon","coordinates":[[[0,0],[0,2],[2,2],[2,0],[0,0]]]}'
    union all select 'c5', '{"type":"Polygon","coordinates":[[[0,0],[1,1],[2,2],[0,0]]]}'
    union all select 'c6', '{"type":"Polygon","coordinates":[[[0,0],[1,1]]]}'
    union all select 'c7', '{"type":"Polygon","coordinates":'
    union all select
        'c8',
        '{"type":"Polygon","coordinates":[[[24.0,60.0],[24.3,60.0],[24.0,60.3],[24.0,60.0]]]}'
    union all select
        'c9',
        '{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],'
        || '[[1,1],[2,1],[2,2],[1,2],[1,1]]]}'
)

select
    case_id,
    round({{ iot_facts.geojson_polygon_centroid('geojson', 1) }}, 9) as longitude,
    round({{ iot_facts.geojson_polygon_centroid('geojson', 2) }}, 9) as latitude
from cases
