with

manifest_files as (
    select * from {{ ref('stg_loader__manifest_files') }}
),

delivered as (
    select
        *,
        {{ manifest_file_watermark() }} as file_watermark
    from manifest_files
    where kind = 'measurement' and status in ('ok', 'empty')
),

final as (
    select
        dataset as measurement_type,
        max(file_watermark) as watermark,
        max(file_watermark) filter (where family = 'legacy') as legacy_watermark,
        max(file_watermark) filter (where family = 'v1') as v1_watermark,
        count(*) as delivered_files,
        count(*) filter (where status = 'empty') as empty_files
    from delivered
    group by dataset
)

select * from final
