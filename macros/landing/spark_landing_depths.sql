{% macro spark_landing_depths(source_name, table_name) -%}
    {#- Spark: the folder depths that the `**/` of a landing source's pattern spans for the
        files the loader manifest lists as staged `ok` under it (none: no such file). Hadoop
        globs have no recursive `**`; expanding it to exactly these depths reads every staged
        file however deep its S3 prefix (a Firehose hour folder is 7 levels down), and staging
        reads no other file. A compile-time query of the manifest file; it must exist (on
        Spark, run the loader before building). -#}
    {%- set manifest = landing_glob('loader', 'manifest') -%}
    {%- set pattern = landing_glob(source_name, table_name) -%}
    {%- set relative = pattern.replace(landing_root() ~ '/', '', 1) -%}
    {%- set fixed = relative.replace('**/', '').split('/') | length -%}
    {%- set query -%}
        select distinct size(split(local_path, '/')) - {{ fixed }} as depth
        from parquet.`{{ manifest }}`
        where status = 'ok' and local_path rlike '{{ glob_regex(relative) }}'
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | map('int') | list) }}
{%- endmacro %}
