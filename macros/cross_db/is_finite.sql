{% macro is_finite(expression) -%}
    {#- True for a number that is neither NaN nor infinite. -#}
    {{- return(adapter.dispatch('is_finite', 'iot_facts')(expression)) -}}
{%- endmacro %}

{% macro default__is_finite(expression) -%}
    {{- return('isfinite(' ~ expression ~ ')') -}}
{%- endmacro %}

{% macro spark__is_finite(expression) -%}
    {{- return(
        '(not isnan(' ~ expression ~ ") and abs(" ~ expression ~ ") != double('infinity'))"
    ) -}}
{%- endmacro %}
