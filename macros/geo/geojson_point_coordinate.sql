{% macro geojson_point_coordinate(geojson, index) -%}
    {#- Longitude (index 1) or latitude (index 2) of a GeoJSON Point string; null if malformed. -#}
    {{- return(adapter.dispatch('geojson_point_coordinate', 'iot_facts')(geojson, index)) -}}
{%- endmacro %}

{% macro default__geojson_point_coordinate(geojson, index) -%}
    case
        when json_valid({{ geojson }})
            then try_cast(json_extract({{ geojson }}, '$.coordinates') as double[])[{{ index }}]
    end
{%- endmacro %}

{% macro spark__geojson_point_coordinate(geojson, index) -%}
    {#- element_at counts from 1, as DuckDB lists do (Spark's [] counts from 0). -#}
    element_at(
        from_json({{ geojson }}, 'struct<coordinates: array<double>>').coordinates, {{ index }}
    )
{%- endmacro %}
