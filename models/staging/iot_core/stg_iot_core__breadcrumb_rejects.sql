with

event_rows as (
    select * from {{ ref('stg_iot_core__event_rows') }}
),

breadcrumb_rows as (
    select * from {{ ref('stg_iot_core__breadcrumb_rows') }}
),

final as (
    -- lines that are not JSON objects (kept by the loader with their text)
    select
        source_file,
        line_number,
        object_in_line,
        delivery_path,
        'bad line: ' || parse_error as reject_reason,
        raw_text
    from event_rows
    where parse_error is not null
    union all
    -- events that decode but do not make a breadcrumb
    select
        breadcrumb_rows.source_file,
        breadcrumb_rows.line_number,
        breadcrumb_rows.object_in_line,
        breadcrumb_rows.delivery_path,
        breadcrumb_rows.reject_reason,
        event_rows.event_json as raw_text
    from breadcrumb_rows
    inner join event_rows
        on
            breadcrumb_rows.source_file = event_rows.source_file
            and breadcrumb_rows.line_number = event_rows.line_number
            and breadcrumb_rows.object_in_line = event_rows.object_in_line
    where breadcrumb_rows.reject_reason is not null
)

select * from final
