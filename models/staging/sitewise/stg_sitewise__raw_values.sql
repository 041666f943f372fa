with

value_rows as (
    select * from {{ ref('stg_sitewise__raw_value_rows') }}
),

final as (
    select
        series_id,
        asset_id,
        property_id,
        measured_at,
        quality,
        double_value,
        integer_value,
        boolean_value,
        string_value,
        json_value,
        record_version,
        source_file
    from value_rows
    where reject_reason is null and version_rank = 1
)

select * from final
