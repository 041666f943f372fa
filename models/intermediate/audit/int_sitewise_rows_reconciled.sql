with

manifest_files as (
    select * from {{ ref('stg_loader__manifest_files') }}
),

delivered as (
    select
        dataset,
        sum(row_count) as file_rows,
        count(*) as files
    from manifest_files
    -- '!' escapes the underscore: a backslash would end the literal on Spark
    where dataset like 'sitewise!_%' escape '!' and status in ('ok', 'empty')
    group by dataset
),

staged as (
    select
        'sitewise_raw' as dataset,
        count(*) as staged_rows
    from {{ ref('stg_sitewise__raw_values') }}
    union all
    select
        'sitewise_agg' as dataset,
        count(*) as staged_rows
    from {{ ref('stg_sitewise__agg_values') }}
    union all
    select
        'sitewise_assets' as dataset,
        count(*) as staged_rows
    from {{ ref('stg_sitewise__asset_properties') }}
    union all
    select
        'sitewise_asset_hierarchy' as dataset,
        count(*) as staged_rows
    from {{ ref('stg_sitewise__asset_hierarchy') }}
),

superseded as (
    select
        dataset,
        count(*) as superseded_rows
    from {{ ref('stg_sitewise__superseded_values') }}
    group by dataset
),

rejected as (
    select
        dataset,
        count(*) as rejected_rows
    from {{ ref('stg_sitewise__value_rejects') }}
    group by dataset
),

final as (
    select
        delivered.dataset,
        delivered.files,
        delivered.file_rows,
        coalesce(staged.staged_rows, 0) as staged_rows,
        coalesce(superseded.superseded_rows, 0) as superseded_rows,
        coalesce(rejected.rejected_rows, 0) as rejected_rows,
        delivered.file_rows
        - coalesce(staged.staged_rows, 0)
        - coalesce(superseded.superseded_rows, 0)
        - coalesce(rejected.rejected_rows, 0) as unaccounted_rows
    from delivered
    left join staged on delivered.dataset = staged.dataset
    left join superseded on delivered.dataset = superseded.dataset
    left join rejected on delivered.dataset = rejected.dataset
)

select * from final
