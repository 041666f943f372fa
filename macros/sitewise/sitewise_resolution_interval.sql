{% macro sitewise_resolution_interval(resolution) -%}
    {#- A metric resolution (ISO 8601 period: PT1M, PT15M, PT1H, P1D) as an interval (its
        length in seconds: SiteWise periods are UTC, a day is always 86,400 s). -#}
    {{ iot_facts.seconds_interval(iot_facts.sitewise_resolution_seconds(resolution)) }}
{%- endmacro %}
