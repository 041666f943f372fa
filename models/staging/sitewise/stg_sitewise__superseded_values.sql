with

raw_rows as (
    select * from {{ ref('stg_sitewise__raw_value_rows') }}
),

agg_rows as (
    select * from {{ ref('stg_sitewise__agg_value_rows') }}
),

final as (
    select
        'sitewise_raw' as dataset,
        source_file,
        source_row_number,
        series_id,
        measured_at as value_at,
        record_version,
        version_rank
    from raw_rows
    where version_rank > 1
    union all
    select
        'sitewise_agg' as dataset,
        source_file,
        source_row_number,
        series_id,
        period_start as value_at,
        record_version,
        version_rank
    from agg_rows
    where version_rank > 1
)

select * from final
