{% macro max_captured_number(text, pattern) -%}
    {#- The largest number that the first group of `pattern` (a regular expression without
        backslashes: Spark's string literals would eat them) captures anywhere in `text`, as a
        double; null when nothing matches or nothing captured is a number. -#}
    {{- return(adapter.dispatch('max_captured_number', 'iot_facts')(text, pattern)) -}}
{%- endmacro %}

{% macro default__max_captured_number(text, pattern) -%}
    {{- return(
        "list_max(list_transform(regexp_extract_all(" ~ text ~ ", '" ~ pattern ~ "', 1), "
        ~ "captured -> try_cast(captured as double)))"
    ) -}}
{%- endmacro %}

{% macro spark__max_captured_number(text, pattern) -%}
    {{- return(
        "array_max(transform(regexp_extract_all(" ~ text ~ ", '" ~ pattern ~ "', 1), "
        ~ "captured -> try_cast(captured as double)))"
    ) -}}
{%- endmacro %}
