{% macro json_object_text(fields) -%}
    {#- A JSON object as compact text, from (key, SQL expression) pairs in order; null values
        kept as JSON null. -#}
    {{- return(adapter.dispatch('json_object_text', 'iot_facts')(fields)) -}}
{%- endmacro %}

{% macro default__json_object_text(fields) -%}
    {%- set pairs = [] -%}
    {%- for key, expression in fields -%}
        {%- do pairs.append(adapter.quote(key) ~ ' := ' ~ expression) -%}
    {%- endfor -%}
    cast(to_json(struct_pack({{ pairs | join(', ') }})) as string)
{%- endmacro %}

{% macro spark__json_object_text(fields) -%}
    {%- set pairs = [] -%}
    {%- for key, expression in fields -%}
        {%- do pairs.append("'" ~ key ~ "', " ~ expression) -%}
    {%- endfor -%}
    to_json(named_struct({{ pairs | join(', ') }}), map('ignoreNullFields', 'false'))
{%- endmacro %}
