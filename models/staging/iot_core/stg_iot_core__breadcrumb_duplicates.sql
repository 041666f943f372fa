with

breadcrumb_rows as (
    select * from {{ ref('stg_iot_core__breadcrumb_rows') }}
),

final as (
    select
        source_file,
        line_number,
        object_in_line,
        delivery_path,
        thing_name,
        event_key,
        shadow_version,
        reported_at,
        duplicate_rank,
        is_conflict
    from breadcrumb_rows
    where duplicate_rank > 1
)

select * from final
