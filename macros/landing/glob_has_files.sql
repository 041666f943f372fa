{% macro glob_has_files(pattern) -%}
    {#- True when the file pattern matches at least one file (checked at compile time). -#}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- set result = run_query("select count(*) from glob('" ~ pattern ~ "')") -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}
