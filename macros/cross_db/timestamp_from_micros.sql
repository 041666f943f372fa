{% macro timestamp_from_micros(micros) -%}
    {#- A UTC timestamp from a count of microseconds since 1970-01-01 (a bigint expression). -#}
    {{- return(adapter.dispatch('timestamp_from_micros', 'iot_facts')(micros)) -}}
{%- endmacro %}

{% macro default__timestamp_from_micros(micros) -%}
    {{- return('make_timestamp(' ~ micros ~ ')') -}}
{%- endmacro %}

{% macro spark__timestamp_from_micros(micros) -%}
    {{- return('timestamp_micros(' ~ micros ~ ')') -}}
{%- endmacro %}
