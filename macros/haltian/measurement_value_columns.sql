{% macro measurement_value_columns(measurement_type) -%}
    {#- The value columns of one measurement type, from seeds/measurement_types.csv (through
        catalog_seed_rows: data known at parse time, no warehouse query), so dbt sees every
        ref() the loops over types make when it parses. -#}
    {%- set rows = [] -%}
    {%- for row in catalog_seed_rows('measurement_types')
        if row['measurement_type'] == measurement_type -%}
        {%- do rows.append(row) -%}
    {%- endfor -%}
    {{ return(rows) }}
{%- endmacro %}
