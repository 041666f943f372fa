{% macro hadoop_glob_escape(path) -%}
    {#- A literal path inside a Hadoop glob: its glob characters backslash-escaped. -#}
    {%- set escaped = namespace(text=path) -%}
    {%- for special in ['\\', '{', '}', ',', '*', '?', '[', ']'] -%}
        {%- set escaped.text = escaped.text | replace(special, '\\' ~ special) -%}
    {%- endfor -%}
    {{- return(escaped.text) -}}
{%- endmacro %}
