{% macro haltian_entity_columns(entity) -%}
    {#- The columns of one entity table, from seeds/entity_columns.csv. -#}
    {%- set rows = [] -%}
    {%- for row in catalog_seed_rows('entity_columns') if row['entity'] == entity -%}
        {%- do rows.append(row) -%}
    {%- endfor -%}
    {{ return(rows) }}
{%- endmacro %}
