{% macro spark_parquet_files(pattern) -%}
    {#- Spark: the Parquet files a DuckDB-style pattern matches (spark_hadoop_glob), schemas
        merged (spark.sql.parquet.mergeSchema, profiles.yml), with the columns DuckDB's
        read_parquet(filename = true, file_row_number = true) adds: the local path (the file
        URI decoded; '+' is literal in a path) and the 0-based row index within the file. -#}
    {{- return(
        "(select files.*, "
        ~ "url_decode(replace(regexp_replace(files._metadata.file_path, '^file:', ''), '+', '%2B'))"
        ~ " as filename, files._metadata.row_index as file_row_number "
        ~ "from parquet.`" ~ spark_hadoop_glob(pattern) ~ "` as files)"
    ) -}}
{%- endmacro %}
