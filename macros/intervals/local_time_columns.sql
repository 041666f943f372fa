{% macro local_time_columns(utc_hour_start) -%}
    {#- The four local-time columns of an hourly mart, from the UTC hour start, in
        business_time_zone: local_date, local_hour, local_weekday (ISO, 1 = Monday),
        is_business_hour. DST-correct: a spring day has 23 rows, an autumn day 25. -#}
    cast({{ iot_facts.to_local_time(utc_hour_start) }} as date) as local_date,
    cast(hour({{ iot_facts.to_local_time(utc_hour_start) }}) as integer) as local_hour,
    cast({{ iot_facts.iso_weekday(iot_facts.to_local_time(utc_hour_start)) }} as integer) as local_weekday,
    {{ iot_facts.is_business_hour(utc_hour_start) }} as is_business_hour
{%- endmacro %}
