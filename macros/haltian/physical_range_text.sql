{% macro physical_range_text(column) -%}
    {%- set low = '-inf' if column['min_value'] is none else '%g' | format(column['min_value']) -%}
    {%- set high = 'inf' if column['max_value'] is none else '%g' | format(column['max_value']) -%}
    [{{ low }}, {{ high }}]
{%- endmacro %}
