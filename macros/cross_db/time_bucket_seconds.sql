{% macro time_bucket_seconds(seconds, timestamp) -%}
    {#- The start of the `seconds`-long bucket (an integer expression, which may differ per row)
        holding `timestamp`, buckets aligned to 1970-01-01 00:00. -#}
    {{- return(adapter.dispatch('time_bucket_seconds', 'iot_facts')(seconds, timestamp)) -}}
{%- endmacro %}

{% macro default__time_bucket_seconds(seconds, timestamp) -%}
    {{- return(
        'time_bucket(to_seconds(' ~ seconds ~ '), ' ~ timestamp ~ ", timestamp '1970-01-01')"
    ) -}}
{%- endmacro %}

{#- Spark's window() needs a constant length: epoch microseconds, floored to the bucket -#}
{% macro spark__time_bucket_seconds(seconds, timestamp) -%}
    {{- return(
        'timestamp_micros(cast(floor(unix_micros(' ~ timestamp ~ ') / ((' ~ seconds
        ~ ') * 1000000)) as bigint) * (' ~ seconds ~ ') * 1000000)'
    ) -}}
{%- endmacro %}
