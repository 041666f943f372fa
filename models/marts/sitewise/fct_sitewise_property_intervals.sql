with

points as (
    select * from {{ ref('int_sitewise_points') }}
    where boolean_value is not null or integer_value is not null or string_value is not null
),

intervals as (
    {{ events_to_intervals(
        'points',
        partition_by=['series_id'],
        order_by='measured_at',
        value_columns=['boolean_value', 'integer_value', 'string_value'],
        upper_bound='watermark',
        tie_breakers=['boolean_value', 'integer_value', 'string_value'],
        compress_runs=true,
        carry_columns=['asset_id', 'property_id']
    ) | indent(4) }}
),

final as (
    select
        series_id,
        asset_id,
        property_id,
        valid_from,
        valid_to,
        boolean_value,
        integer_value,
        string_value,
        duration_seconds,
        cast(event_count as integer) as event_count,
        is_open,
        is_capped
    from intervals
)

select * from final
