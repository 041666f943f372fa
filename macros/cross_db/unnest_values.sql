{% macro unnest_values(expressions) -%}
    {#- A select-list generator: one row per expression's value (alone in its select item). -#}
    {{- return(adapter.dispatch('unnest_values', 'iot_facts')(expressions)) -}}
{%- endmacro %}

{% macro default__unnest_values(expressions) -%}
    {{- return('unnest([' ~ expressions | join(', ') ~ '])') -}}
{%- endmacro %}

{% macro spark__unnest_values(expressions) -%}
    {{- return('explode(array(' ~ expressions | join(', ') ~ '))') -}}
{%- endmacro %}
