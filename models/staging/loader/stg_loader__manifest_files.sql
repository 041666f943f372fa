with

manifest as (
    {% if landing_source_has_files('loader', 'manifest') -%}
    select * from {{ landing_source('loader', 'manifest') }}
    {%- else -%}
    select
        null::varchar as key,
        null::varchar as local_path,
        null::bigint as size,
        null::varchar as etag,
        null::timestamptz as last_modified,
        null::timestamptz as staged_at,
        null::timestamptz as last_listed_at,
        null::varchar as family,
        null::varchar as entity,
        null::varchar as dataset,
        null::varchar as kind,
        null::varchar as organization_id,
        null::timestamptz as window_start,
        null::timestamptz as window_end,
        null::bigint as row_count,
        null::varchar as schema_fingerprint,
        null::varchar as status,
        null::varchar as reason,
        null::bigint as local_size
    limit 0
    {%- endif %}
),

final as (
    select
        key as object_key,
        local_path,
        family,
        entity,
        dataset,
        kind,
        organization_id,
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
        cast(last_listed_at as timestamp) as last_listed_at
    from manifest
)

select * from final
