{#- c1 a square, c2 the same unclosed, c3 an L of two rectangles, c4 a clockwise square, c5
    collinear (degenerate), c6 two points, c7 truncated, c8 a triangle in degrees, c9 a square
    with a hole (the outer ring counts). -#}
-- Known macro lint finding (RF02), reported in issue #17; drop this line once fixed:
-- geojson_polygon_centroid's correlated subquery refers to its CTE columns (r, cross_terms)
-- unqualified next to the outer relation (and sqlfluff reads its lambda parameters i, p as column
-- references)
-- sqlfluff:exclude_rules:AM04,ST06,RF04,LT05,AL09,CV12,LT01,LT02,LT03,LT04,LT06,LT07,LT08,LT09,LT10,LT11,LT12,LT13,LT14,LT15,RF06,RF02
with

cases as (
    select cases.case_id, '{"type":"Polygon","coordinates":' || cases.rings || '}' as geojson
    from (values
        ('c1', '[[[0,0],[2,0],[2,2],[0,2],[0,0]]]'),
        ('c2', '[[[0,0],[2,0],[2,2],[0,2]]]'),
        ('c3', '[[[0,0],[4,0],[4,1],[1,1],[1,3],[0,3],[0,0]]]'),
        ('c4', '[[[0,0],[0,2],[2,2],[2,0],[0,0]]]'),
        ('c5', '[[[0,0],[1,1],[2,2],[0,0]]]'),
        ('c6', '[[[0,0],[1,1]]]'),
        ('c7', '[[[0,0],[1,'),
        ('c8', '[[[24.0,60.0],[24.3,60.0],[24.0,60.3],[24.0,60.0]]]'),
        ('c9', '[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]]')
    ) as cases (case_id, rings)
)

select
    case_id,
    round({{ iot_facts.geojson_polygon_centroid('geojson', 1) }}, 9) as longitude,
    round({{ iot_facts.geojson_polygon_centroid('geojson', 2) }}, 9) as latitude
from cases
