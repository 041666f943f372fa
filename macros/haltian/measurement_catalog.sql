{% macro measurement_catalog() -%}
    {#- One row per measurement type (measurement_type, folder, in_legacy, in_v1), in seed
        order, for loops over all types. -#}
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
