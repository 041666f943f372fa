{% macro landing_unrecorded_files(manifest) -%}
    {#- The Parquet files under the landing directory that the manifest relation does not list
        (local_path, relative), with their row counts, the loader's own folders (_manifest,
        _quarantine, .tmp) left out: a query. -#}
    {{- return(adapter.dispatch('landing_unrecorded_files', 'iot_facts')(manifest)) -}}
{%- endmacro %}

{% macro default__landing_unrecorded_files(manifest) -%}
    {#- DuckDB: every file's footer (parquet_file_metadata), anti-joined in SQL. -#}
    {%- set pattern = landing_root() ~ '/**/*.parquet' -%}
    {%- if glob_has_files(pattern) -%}
        select
            replace(files.file_name, '{{ landing_root() }}/', '') as local_path,
            files.num_rows as file_rows
        from parquet_file_metadata('{{ pattern }}') as files
        where
            split_part(replace(files.file_name, '{{ landing_root() }}/', ''), '/', 1)
            not in ('_manifest', '_quarantine', '.tmp')
            and replace(files.file_name, '{{ landing_root() }}/', '') not in (
                select manifest.local_path from {{ manifest }} as manifest
                where manifest.local_path is not null
            )
    {%- else -%}
        {{ landing_unrecorded_files_none() }}
    {%- endif -%}
{%- endmacro %}

{% macro spark__landing_unrecorded_files(manifest) -%}
    {#- Spark: the files are listed while compiling (binaryFile, which reads no content when
        asked for paths only) and anti-joined with the manifest; only those left, usually none,
        are opened to count their rows. Hadoop globs have no recursive `**`: files up to 12
        folders below the landing root are listed (the deepest layout, a Firehose hour folder
        under a source prefix, is 7 to 8). -#}
    {%- if not execute -%}{{ return(landing_unrecorded_files_none()) }}{%- endif -%}
    {%- set listing -%}
        select files.local_path
        from (
            select replace({{ spark_file_uri_path('path') }}, '{{ landing_root() }}/', '')
                as local_path
            from binaryFile.`{{ spark_hadoop_glob(
                hadoop_glob_escape(landing_root()) ~ '/**/*.parquet', range(13) | list
            ) }}`
        ) as files
        where
            split_part(files.local_path, '/', 1) not in ('_manifest', '_quarantine', '.tmp')
            and not exists (
                select 1 from {{ manifest }} as manifest
                where manifest.local_path = files.local_path
            )
        order by files.local_path
    {%- endset -%}
    {%- set paths = run_query(listing).columns[0].values() -%}
    {%- if paths | length == 0 -%}{{ return(landing_unrecorded_files_none()) }}{%- endif -%}
    {%- set counts = [] -%}
    {%- for path in paths -%}
        {%- do counts.append(
            "select '" ~ path | replace("'", "''") ~ "' as local_path, count(*) as file_rows"
            ~ " from parquet.`" ~ hadoop_glob_escape(landing_root() ~ '/' ~ path) ~ "`"
        ) -%}
    {%- endfor -%}
    {{ return(counts | join('\nunion all\n')) }}
{%- endmacro %}
