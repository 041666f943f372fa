{% macro date_diff_units(unit, start, stop) -%}
    {#- Whole `unit`s (millisecond, second) between two timestamps, counted as DuckDB's date_diff
        counts them: boundaries crossed (floor(stop) - floor(start) in that unit). -#}
    {{- return(adapter.dispatch('date_diff_units', 'iot_facts')(unit, start, stop)) -}}
{%- endmacro %}

{% macro default__date_diff_units(unit, start, stop) -%}
    {{- return("date_diff('" ~ unit ~ "', " ~ start ~ ', ' ~ stop ~ ')') -}}
{%- endmacro %}

{% macro spark__date_diff_units(unit, start, stop) -%}
    {%- set epoch = {'millisecond': 'unix_millis', 'second': 'unix_seconds',
        'microsecond': 'unix_micros'}.get(unit) -%}
    {%- if epoch is none -%}
        {{ exceptions.raise_compiler_error("date_diff_units: no Spark form for " ~ unit) }}
    {%- endif -%}
    {{- return('(' ~ epoch ~ '(' ~ stop ~ ') - ' ~ epoch ~ '(' ~ start ~ '))') -}}
{%- endmacro %}
