{% macro spark_file_uri_path(uri) -%}
    {#- Spark: the local path of a file URI (`file:/a/b%20c` -> `/a/b c`), as DuckDB's
        read_parquet(filename = true) gives it; '+' is literal in a path. -#}
    {{- return(
        "url_decode(replace(regexp_replace(" ~ uri ~ ", '^file:', ''), '+', '%2B'))"
    ) -}}
{%- endmacro %}
