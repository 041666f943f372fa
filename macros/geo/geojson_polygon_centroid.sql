{% macro geojson_polygon_centroid(geojson, index) -%}
    {#- Area-weighted centroid (shoelace formula) of a GeoJSON Polygon's outer ring, computed
        with list functions because DuckDB's spatial extension is not available offline:
        index 1 = longitude, 2 = latitude. An unclosed ring is closed first; a degenerate ring
        (zero area) falls back to the mean of its vertices; malformed input gives null. Planar
        in degrees, which is accurate for building-sized polygons. -#}
    {{- return(adapter.dispatch('geojson_polygon_centroid', 'iot_facts')(geojson, index)) -}}
{%- endmacro %}

{% macro default__geojson_polygon_centroid(geojson, index) -%}
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

{% macro spark__geojson_polygon_centroid(geojson, index) -%}
    {#- The same formula as one expression: Spark takes no correlated subquery here, so the ring
        (r) and its cross terms (c) are bound by transforming one-element arrays. Lists count
        from 1 through element_at, as DuckDB's do. -#}
    {%- set ring_raw = 'element_at(from_json(' ~ geojson
        ~ ", 'struct<coordinates: array<array<array<double>>>>').coordinates, 1)" -%}
    {%- set vertex = 'element_at(element_at(r, {i}), {k})' -%}
    element_at(transform(
        array(case
            when element_at({{ ring_raw }}, 1) = element_at({{ ring_raw }}, -1) then {{ ring_raw }}
            else concat({{ ring_raw }}, array(element_at({{ ring_raw }}, 1)))
        end),
        r -> element_at(transform(
            array(transform(
                sequence(1, greatest(size(r) - 1, 1)),
                i -> {{ vertex.format(i='i', k=1) }} * {{ vertex.format(i='i + 1', k=2) }}
                    - {{ vertex.format(i='i + 1', k=1) }} * {{ vertex.format(i='i', k=2) }}
            )),
            c -> case
                when r is null or size(r) < 4 then null
                when aggregate(c, 0D, (total, x) -> total + x) = 0
                    then aggregate(
                        slice(r, 1, size(r) - 1), 0D,
                        (total, p) -> total + element_at(p, {{ index }})
                    ) / (size(r) - 1)
                else aggregate(
                    sequence(1, size(r) - 1), 0D,
                    (total, i) -> total
                        + ({{ vertex.format(i='i', k=index) }} + {{ vertex.format(i='i + 1', k=index) }})
                        * element_at(c, i)
                ) / (3 * aggregate(c, 0D, (total, x) -> total + x))
            end
        ), 1)
    ), 1)
{%- endmacro %}
