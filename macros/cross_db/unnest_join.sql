{% macro unnest_join(list_expression, alias, column) -%}
    {#- A join clause: one row per element of the list, as `alias`.`column` (none for an empty
        or null list). -#}
    {{- return(adapter.dispatch('unnest_join', 'iot_facts')(list_expression, alias, column)) -}}
{%- endmacro %}

{% macro default__unnest_join(list_expression, alias, column) -%}
    {{- return('cross join unnest(' ~ list_expression ~ ') as ' ~ alias ~ ' (' ~ column ~ ')') -}}
{%- endmacro %}

{% macro spark__unnest_join(list_expression, alias, column) -%}
    {{- return('lateral view explode(' ~ list_expression ~ ') ' ~ alias ~ ' as ' ~ column) -}}
{%- endmacro %}
