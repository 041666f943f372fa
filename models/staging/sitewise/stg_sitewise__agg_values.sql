with

value_rows as (
    select * from {{ ref('stg_sitewise__agg_value_rows') }}
),

final as (
    select
        series_id,
        asset_id,
        property_id,
        resolution,
        period_start,
        period_start + {{ sitewise_resolution_interval('resolution') }} as period_end,
        quality,
        point_count,
        average_value,
        min_value,
        max_value,
        sum_value,
        record_version,
        source_file
    from value_rows
    where reject_reason is null and version_rank = 1
)

select * from final
