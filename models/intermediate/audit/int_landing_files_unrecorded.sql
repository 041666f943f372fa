{#- Parquet files in the landing directory that the loader's manifest does not list: left by a
    loader run that was killed between placing files and recording them (the next loader run
    adopts them). Staging does not read them, so their rows are in no fact yet; the test
    assert_every_landing_file_is_in_the_manifest fails while any exist. Row counts come from
    the files' footers. -#}
{%- set pattern = landing_root() ~ '/**/*.parquet' -%}
with

manifest_files as (
    select local_path from {{ ref('stg_loader__manifest_files') }}
    where local_path is not null
),

landing_files as (
    {% if glob_has_files(pattern) -%}
        select
            replace(file_name, '{{ landing_root() }}/', '') as local_path,
            num_rows as file_rows
        from parquet_file_metadata('{{ pattern }}')
    {%- else -%}
        select
            null::string as local_path,
            null::bigint as file_rows
        where false
    {%- endif %}
),

final as (
    select
        landing_files.local_path,
        landing_files.file_rows
    from landing_files
    -- the loader's own folders: the manifest itself, quarantined and partial downloads
    where
        split_part(landing_files.local_path, '/', 1) not in ('_manifest', '_quarantine', '.tmp')
        and landing_files.local_path not in (select manifest_files.local_path from manifest_files)
)

select * from final
