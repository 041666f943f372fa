{% macro asof_join(kind='inner') -%}
    {#- The join keyword of a "latest row at or before" match whose right side never overlaps
        itself per key (runs, placements): DuckDB's ASOF join; elsewhere a plain join, correct
        when the query also requires the time to lie inside the matched row's span. -#}
    {{- return(adapter.dispatch('asof_join', 'iot_facts')(kind)) -}}
{%- endmacro %}

{% macro default__asof_join(kind='inner') -%}
    {{- return('asof ' ~ kind ~ ' join') -}}
{%- endmacro %}

{% macro spark__asof_join(kind='inner') -%}
    {{- return(kind ~ ' join') -}}
{%- endmacro %}
