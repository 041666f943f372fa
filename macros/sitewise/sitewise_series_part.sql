{% macro sitewise_series_part(series_id, part) -%}
    {#- The asset id (part 1) or property id (part 2) of a time series id of the form
        {assetId}_{propertyId}; null for a series id that is a single UUID (metrics,
        transforms, unmodeled streams), whose asset and property come from the asset metadata. -#}
    nullif(regexp_extract(
        {{ series_id }},
        '^([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})_([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$',
        {{ part }}
    ), '')
{%- endmacro %}
