{% macro geojson_polygon_centroid(geojson, index) -%}
    {#- Area-weighted centroid (shoelace formula) of a GeoJSON Polygon's outer ring, computed
        with list functions because DuckDB's spatial extension is not available offline:
        index 1 = longitude, 2 = latitude. An unclosed ring is closed first; a degenerate ring
        (zero area) falls back to the mean of its vertices; malformed input gives null. Planar
        in degrees, which is accurate for building-sized polygons. -#}
    (
        with ring_raw as (
            select case
                when json_valid({{ geojson }})
                    then try_cast(json_extract({{ geojson }}, '$.coordinates[0]') as double[][])
            end as r
        ),
        ring as (
            select case when r[1] = r[-1] then r else list_append(r, r[1]) end as r
            from ring_raw
        ),
        terms as (
            select
                r,
                list_transform(range(1, len(r)),
                    lambda i: r[i][1] * r[i + 1][2] - r[i + 1][1] * r[i][2]) as cross_terms
            from ring
        )
        select
            case
                when r is null or len(r) < 4 then null
                when list_sum(cross_terms) = 0
                    then list_avg(list_transform(r[1:-2], lambda p: p[{{ index }}]))
                else list_sum(list_transform(range(1, len(r)),
                    lambda i: (r[i][{{ index }}] + r[i + 1][{{ index }}]) * cross_terms[i]))
                    / (3 * list_sum(cross_terms))
            end
        from terms
    )
{%- endmacro %}
