{% macro landing_source_has_files(source_name, table_name) -%}
    {#- True when the source's file pattern matches at least one file. Checked at compile time,
        so a folder that does not exist yet gives an empty, typed staging model instead of an
        error. Unit tests override this macro. -#}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- set match = modules.re.search("read_parquet\('([^']+)'", landing_source(source_name, table_name)) -%}
    {%- if match is none -%}{{ return(true) }}{%- endif -%}
    {{ return(glob_has_files(match.group(1))) }}
{%- endmacro %}
