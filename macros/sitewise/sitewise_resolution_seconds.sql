{% macro sitewise_resolution_seconds(resolution) -%}
    {#- A metric resolution (ISO 8601 period: PT1M, PT15M, PT1H, P1D) in seconds. -#}
    case {{ resolution }}
        when 'PT1M' then 60
        when 'PT15M' then 900
        when 'PT1H' then 3600
        when 'P1D' then 86400
    end
{%- endmacro %}
