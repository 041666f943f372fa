{% macro time_bucket_seconds(seconds, timestamp) -%}
    {#- The start of the `seconds`-long bucket (an integer expression, which may differ per row)
        holding `timestamp`, buckets aligned to 1970-01-01 00:00. -#}
    {{- return(adapter.dispatch('time_bucket_seconds', 'iot_facts')(seconds, timestamp)) -}}
{%- endmacro %}

{% macro default__time_bucket_seconds(seconds, timestamp) -%}
    {{- return(
        'time_bucket(' ~ iot_facts.seconds_interval(seconds) ~ ', ' ~ timestamp
        ~ ", timestamp '1970-01-01')"
    ) -}}
{%- endmacro %}

{#- Spark's window() needs a constant length: epoch microseconds, floored to the bucket. The
    length is made a bigint first: an int times 10^6 overflows past 35 minutes, silently with
    ANSI mode off (dbt-spark's default). -#}
{% macro spark__time_bucket_seconds(seconds, timestamp) -%}
    {%- set micros = 'cast(' ~ seconds ~ ' as bigint) * 1000000' -%}
    {{- return(
        'timestamp_micros(cast(floor(unix_micros(' ~ timestamp ~ ') / (' ~ micros
        ~ ')) as bigint) * ' ~ micros ~ ')'
    ) -}}
{%- endmacro %}
