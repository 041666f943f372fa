{% macro integer_divide(dividend, divisor) -%}
    {#- Integer division of two integer expressions, rounded toward zero (both engines). -#}
    {{- return(adapter.dispatch('integer_divide', 'iot_facts')(dividend, divisor)) -}}
{%- endmacro %}

{% macro default__integer_divide(dividend, divisor) -%}
    {{- return('(' ~ dividend ~ ' // ' ~ divisor ~ ')') -}}
{%- endmacro %}

{% macro spark__integer_divide(dividend, divisor) -%}
    {{- return('(' ~ dividend ~ ' div ' ~ divisor ~ ')') -}}
{%- endmacro %}
