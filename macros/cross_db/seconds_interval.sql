{% macro seconds_interval(seconds) -%}
    {#- An interval of `seconds` seconds (a number or an SQL expression). -#}
    {{- return(adapter.dispatch('seconds_interval', 'iot_facts')(seconds)) -}}
{%- endmacro %}

{% macro default__seconds_interval(seconds) -%}
    {{- return('to_seconds(' ~ seconds ~ ')') -}}
{%- endmacro %}

{% macro spark__seconds_interval(seconds) -%}
    {{- return('make_dt_interval(0, 0, 0, ' ~ seconds ~ ')') -}}
{%- endmacro %}
