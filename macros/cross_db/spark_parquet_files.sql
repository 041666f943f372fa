{% macro spark_parquet_files(pattern, depths=none) -%}
    {#- Spark: the Parquet files a DuckDB-style pattern matches (spark_hadoop_glob, `**` at
        `depths`), schemas merged (spark.sql.parquet.mergeSchema, profiles.yml), with the
        columns DuckDB's read_parquet(filename = true, file_row_number = true) adds: the local
        path (spark_file_uri_path) and the 0-based row index within the file. -#}
    {{- return(
        "(select files.*, " ~ spark_file_uri_path('files._metadata.file_path')
        ~ " as filename, files._metadata.row_index as file_row_number "
        ~ "from parquet.`" ~ spark_hadoop_glob(pattern, depths) ~ "` as files)"
    ) -}}
{%- endmacro %}
