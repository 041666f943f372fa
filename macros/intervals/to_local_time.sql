{% macro to_local_time(utc_timestamp, time_zone=none) -%}
    {#- A naive UTC timestamp as naive local time in `time_zone` (default var business_time_zone),
        independent of the session's TimeZone setting. -#}
    {{- return(adapter.dispatch('to_local_time', 'iot_facts')(utc_timestamp, time_zone)) -}}
{%- endmacro %}

{% macro default__to_local_time(utc_timestamp, time_zone=none) -%}
    timezone('{{ time_zone or var("business_time_zone") }}', timezone('UTC', {{ utc_timestamp }}))
{%- endmacro %}

{% macro spark__to_local_time(utc_timestamp, time_zone=none) -%}
    from_utc_timestamp({{ utc_timestamp }}, '{{ time_zone or var("business_time_zone") }}')
{%- endmacro %}
