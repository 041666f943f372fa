{% macro haltian_families(rows) -%}
    {%- set families = [] -%}
    {%- for family in ['legacy', 'v1'] -%}
        {%- for row in rows if row[family ~ '_column'] and family not in families -%}
            {%- do families.append(family) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(families) }}
{%- endmacro %}
