{% macro geojson_point_coordinate(geojson, index) -%}
    {#- Longitude (index 1) or latitude (index 2) of a GeoJSON Point string; null if malformed. -#}
    case
        when json_valid({{ geojson }})
            then try_cast(json_extract({{ geojson }}, '$.coordinates') as double[])[{{ index }}]
    end
{%- endmacro %}
