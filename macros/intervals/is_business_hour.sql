{% macro is_business_hour(utc_hour_start) -%}
    {#- True when the UTC hour starting at `utc_hour_start` is a business hour: Monday-Friday,
        local hour in [business_hours_start, business_hours_end) of business_time_zone. -#}
    (
        {{ iot_facts.iso_weekday(iot_facts.to_local_time(utc_hour_start)) }} <= 5
        and hour({{ iot_facts.to_local_time(utc_hour_start) }}) >= {{ var('business_hours_start') }}
        and hour({{ iot_facts.to_local_time(utc_hour_start) }}) < {{ var('business_hours_end') }}
    )
{%- endmacro %}
