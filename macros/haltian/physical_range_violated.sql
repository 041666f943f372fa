{% macro physical_range_violated(column) -%}
    {#- True when a typed value lies outside the seed's physical range (min_value, max_value;
        either may be empty = unbounded). -#}
    {%- set checks = [] -%}
    {%- if column['min_value'] is not none -%}
        {%- do checks.append(column['value_name'] ~ ' < ' ~ column['min_value']) -%}
    {%- endif -%}
    {%- if column['max_value'] is not none -%}
        {%- do checks.append(column['value_name'] ~ ' > ' ~ column['max_value']) -%}
    {%- endif -%}
    ({{ checks | join(' or ') }})
{%- endmacro %}
