{% macro landing_source_has_files(source_name, table_name) -%}
    {{- return(adapter.dispatch('landing_source_has_files', 'iot_facts')(source_name, table_name)) -}}
{%- endmacro %}

{% macro default__landing_source_has_files(source_name, table_name) -%}
    {#- True when the source's file pattern matches at least one file. Checked at compile time,
        so a folder that does not exist yet gives an empty, typed staging model instead of an
        error. Unit tests override this macro.
        Why a query (glob_has_files), and not the manifest: DuckDB's read_parquet() fails on a
        pattern that matches no file ("No files found") and takes no subquery as its file list
        ("Table function cannot contain subqueries"), so whether to emit the read at all must
        be decided while compiling, and Jinja cannot look at files or at the manifest without
        run_query. Asking the manifest snapshot instead would still be a run_query, against
        stg_loader__manifest_files, a table that does not exist yet on a first build, on
        `dbt compile` before any build, or for the manifest model itself (the manifest file is
        this check's own subject). The glob asks the filesystem only, never warehouse data. -#}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- set match = modules.re.search("read_parquet\('([^']+)'", landing_source(source_name, table_name)) -%}
    {%- if match is none -%}{{ return(true) }}{%- endif -%}
    {{ return(glob_has_files(match.group(1))) }}
{%- endmacro %}

{% macro spark__landing_source_has_files(source_name, table_name) -%}
    {#- Spark cannot list files from SQL, and a pattern matching none is an error there too: the
        manifest file answers instead (a file staged `ok` under the pattern; staging reads no
        other). The manifest itself must exist: on Spark, run the loader before building. -#}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- if landing_glob(source_name, table_name) == landing_glob('loader', 'manifest') -%}
        {{ return(true) }}
    {%- endif -%}
    {{ return(spark_landing_depths(source_name, table_name) | length > 0) }}
{%- endmacro %}
