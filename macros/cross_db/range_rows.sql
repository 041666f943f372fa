{% macro range_rows(start, stop, step) -%}
    {#- A select-list generator: one row per value from `start` (included) to `stop` (excluded)
        by `step` (an interval), none when stop <= start. Stands alone in its select item (Spark
        takes no generator inside an expression): cast its column in an outer query. -#}
    {{- return(adapter.dispatch('range_rows', 'iot_facts')(start, stop, step)) -}}
{%- endmacro %}

{% macro default__range_rows(start, stop, step) -%}
    {{- return('unnest(range(' ~ start ~ ', ' ~ stop ~ ', ' ~ step ~ '))') -}}
{%- endmacro %}

{% macro spark__range_rows(start, stop, step) -%}
    {#- sequence() includes its end and fails on a stop before the start. -#}
    {{- return(
        'explode(case when ' ~ start ~ ' < ' ~ stop ~ ' then filter(sequence(' ~ start ~ ', '
        ~ stop ~ ', ' ~ step ~ '), range_value -> range_value < ' ~ stop ~ ') end)'
    ) -}}
{%- endmacro %}
