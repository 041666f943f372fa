{% macro sitewise_resolution_interval(resolution) -%}
    {#- A metric resolution (ISO 8601 period: PT1M, PT15M, PT1H, P1D) as an interval. -#}
    case {{ resolution }}
        when 'PT1M' then interval 1 minute
        when 'PT15M' then interval 15 minute
        when 'PT1H' then interval 1 hour
        when 'P1D' then interval 1 day
    end
{%- endmacro %}
