{% macro get_incremental_haltian_rows_sql(arg_dict) -%}
    {#- Incremental strategy `haltian_rows` of the measurement rows tables (config
        measurement_type): landing_rows_replace_sql with the type's event keys. -#}
    {%- set measurement_type = config.require('measurement_type') -%}
    {{ iot_facts.landing_rows_replace_sql(
        arg_dict, measurement_type, haltian_event_keys(measurement_type)
    ) }}
{%- endmacro %}
