{% macro max_state_age_seconds(measurement_type) -%}
    {#- var('max_state_age_hours')[measurement_type] in seconds, or none (no cap). -#}
    {%- set hours = var('max_state_age_hours', {}).get(measurement_type) -%}
    {{ return(none if hours is none else (hours | float) * 3600) }}
{%- endmacro %}
