{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- Layers get plain schema names (staging, intermediate, marts, catalog) in every target. -#}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
