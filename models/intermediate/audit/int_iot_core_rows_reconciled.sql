with

manifest_files as (
    select * from {{ ref('stg_loader__manifest_files') }}
),

delivered as (
    select
        entity as delivery_path,
        sum(row_count) as file_rows,
        count(*) as files
    from manifest_files
    where dataset = 'iot_core' and status in ('ok', 'empty')
    group by entity
),

staged as (
    select
        delivery_path,
        count(*) as staged_rows
    from {{ ref('stg_iot_core__breadcrumbs') }}
    group by delivery_path
),

duplicates as (
    select
        delivery_path,
        count(*) as duplicate_rows
    from {{ ref('stg_iot_core__breadcrumb_duplicates') }}
    group by delivery_path
),

rejected as (
    select
        delivery_path,
        count(*) as rejected_rows
    from {{ ref('stg_iot_core__breadcrumb_rejects') }}
    group by delivery_path
),

final as (
    select
        delivered.delivery_path,
        delivered.files,
        delivered.file_rows,
        coalesce(staged.staged_rows, 0) as staged_rows,
        coalesce(duplicates.duplicate_rows, 0) as duplicate_rows,
        coalesce(rejected.rejected_rows, 0) as rejected_rows,
        delivered.file_rows
        - coalesce(staged.staged_rows, 0)
        - coalesce(duplicates.duplicate_rows, 0)
        - coalesce(rejected.rejected_rows, 0) as unaccounted_rows
    from delivered
    left join staged on delivered.delivery_path = staged.delivery_path
    left join duplicates on delivered.delivery_path = duplicates.delivery_path
    left join rejected on delivered.delivery_path = rejected.delivery_path
)

select * from final
