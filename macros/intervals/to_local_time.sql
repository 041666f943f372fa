{% macro to_local_time(utc_timestamp, time_zone=none) -%}
    {#- A naive UTC timestamp as naive local time in `time_zone` (default var business_time_zone),
        independent of the session's TimeZone setting. -#}
    timezone('{{ time_zone or var("business_time_zone") }}', timezone('UTC', {{ utc_timestamp }}))
{%- endmacro %}
