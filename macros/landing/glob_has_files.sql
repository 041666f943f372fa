{% macro glob_has_files(pattern) -%}
    {#- True when the file pattern matches at least one file, checked at compile time with
        DuckDB's glob() (a run_query that reads the filesystem, not the warehouse; see
        landing_source_has_files for why it cannot be avoided). -#}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- set result = run_query("select count(*) from glob('" ~ pattern ~ "')") -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}
