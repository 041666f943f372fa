{% macro measurement_value_columns(measurement_type) -%}
    {#- The value columns of one measurement type, from seeds/measurement_types.csv (through
        catalog_seed_rows: data known at parse time, no warehouse query). Empty at parse time,
        which keeps parsing cheap; dbt compiles the models with the data. -#}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set rows = [] -%}
    {%- for row in catalog_seed_rows('measurement_types')
        if row['measurement_type'] == measurement_type -%}
        {%- do rows.append(row) -%}
    {%- endfor -%}
    {{ return(rows) }}
{%- endmacro %}


{% macro measurement_catalog() -%}
    {#- One row per measurement type (measurement_type, folder, in_legacy, in_v1), in seed
        order, for loops over all types. -#}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set types = [] -%}
    {%- set seen = {} -%}
    {%- for row in catalog_seed_rows('measurement_types') -%}
        {%- set name = row['measurement_type'] -%}
        {%- if name not in seen -%}
            {%- do seen.update({name: {
                'measurement_type': name, 'folder': row['folder'],
                'in_legacy': false, 'in_v1': false
            }}) -%}
            {%- do types.append(seen[name]) -%}
        {%- endif -%}
        {%- do seen[name].update({
            'in_legacy': seen[name]['in_legacy'] or row['legacy_column'] is not none,
            'in_v1': seen[name]['in_v1'] or row['v1_column'] is not none
        }) -%}
    {%- endfor -%}
    {{ return(types) }}
{%- endmacro %}


{% macro entity_columns(entity) -%}
    {#- The columns of one entity table, from seeds/entity_columns.csv. -#}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set rows = [] -%}
    {%- for row in catalog_seed_rows('entity_columns') if row['entity'] == entity -%}
        {%- do rows.append(row) -%}
    {%- endfor -%}
    {{ return(rows) }}
{%- endmacro %}
