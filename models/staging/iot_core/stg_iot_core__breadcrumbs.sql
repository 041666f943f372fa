with

breadcrumb_rows as (
    select * from {{ ref('stg_iot_core__breadcrumb_rows') }}
),

final as (
    select
        thing_name,
        event_key,
        reported_at,
        shadow_version,
        latitude,
        longitude,
        speed_kmh,
        heading,
        is_ignition_on,
        temperature_c,
        address,
        topic,
        delivery_path,
        source_file,
        line_number,
        object_in_line
    from breadcrumb_rows
    where reject_reason is null and duplicate_rank = 1
)

select * from final
