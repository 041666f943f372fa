{% macro landing_source(source_name, table_name) -%}
    {#- source(), with a relative landing root in its read_parquet() path made absolute. -#}
    {%- set rendered = source(source_name, table_name) | string -%}
    {%- set configured = env_var('IOT_LANDING_DIR', 'data/landing').rstrip('/') -%}
    {%- if not configured.startswith('/') -%}
        {%- set rendered = rendered.replace("'" ~ configured ~ "/", "'" ~ landing_root() ~ "/") -%}
    {%- endif -%}
    {{- rendered -}}
{%- endmacro %}
