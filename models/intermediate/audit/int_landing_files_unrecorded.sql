{#- Parquet files in the landing directory that the loader's manifest does not list: left by a
    loader run that was killed between placing files and recording them (the next loader run
    adopts them). Staging does not read them, so their rows are in no fact yet; the test
    assert_every_landing_file_is_in_the_manifest fails while any exist. Row counts come from
    the files' footers. The loader's own folders (the manifest itself, quarantined and partial
    downloads) are not listed. -#}
with

unrecorded as (
    {{ landing_unrecorded_files(ref('stg_loader__manifest_files')) | indent(4) }}
),

final as (
    select
        local_path,
        file_rows
    from unrecorded
)

select * from final
