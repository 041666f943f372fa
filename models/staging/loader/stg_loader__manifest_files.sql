{#- A table, not a view: one snapshot of the manifest per dbt run. Staging reads only the files
    it lists and incremental facts store its high-water mark, so a loader run finishing during
    the build cannot make the two disagree. -#}
{{ config(materialized='table') }}

with

manifest as (
    {#- Every column of the manifest, typed: before the loader's first run there is no manifest
        (only the typed, empty template), and one written by an older loader lacks the newer
        columns (deleted_at). The template is generated from the loader's ManifestRow
        (python -m iot_facts.dbt_codegen). #}
    {% if landing_source_has_files('loader', 'manifest') -%}
        {{ union_all_by_name([
            'select * from ' ~ landing_source('loader', 'manifest'), loader_manifest_columns()
        ]) | indent(8) }}
    {% else -%}
        {{ loader_manifest_columns() | indent(8) }}
    {% endif -%}
),

final as (
    select
        key as object_key,
        local_path,
        format,
        family,
        entity,
        dataset,
        kind,
        organization_id,
        series_id,
        quality,
        status,
        reason,
        schema_fingerprint,
        size as size_bytes,
        local_size as local_size_bytes,
        row_count,
        etag,
        cast(window_start as timestamp) as window_start,
        cast(window_end as timestamp) as window_end,
        cast(last_modified as timestamp) as last_modified_at,
        cast(staged_at as timestamp) as staged_at,
        cast(last_listed_at as timestamp) as last_listed_at,
        cast(deleted_at as timestamp) as deleted_at
    from manifest
)

select * from final
