{% macro json_extract_text(document, path) -%}
    {#- The value at a JSONPath (`$.a.b`) of a JSON text as text: a string unquoted, a number,
        boolean, object or array as JSON text; null when missing or JSON null. The document
        must be valid JSON (staging only passes what the loader decoded). Engines re-write
        numbers differently inside the text (DuckDB keeps them as delivered, Spark in Java
        notation: 1.7e9 -> 1.7E9), so compare numbers after casting, not as text. -#}
    {{- return(adapter.dispatch('json_extract_text', 'iot_facts')(document, path)) -}}
{%- endmacro %}

{% macro default__json_extract_text(document, path) -%}
    {{- return("json_extract_string(" ~ document ~ ", '" ~ path ~ "')") -}}
{%- endmacro %}

{% macro spark__json_extract_text(document, path) -%}
    {{- return("get_json_object(" ~ document ~ ", '" ~ path ~ "')") -}}
{%- endmacro %}
