{% macro haltian_event_keys(measurement_type) -%}
    {#- The columns that identify one event of a measurement type (its copies share them):
        device_id, measured_at and the type's key values (e.g. a tag's zone). -#}
    {{ return(['device_id', 'measured_at'] + (
        measurement_value_columns(measurement_type)
        | selectattr('is_key') | map(attribute='value_name') | list
    )) }}
{%- endmacro %}
