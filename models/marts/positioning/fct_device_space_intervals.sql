with

intervals as (
    select * from {{ ref('int_position_intervals') }}
),

final as (
    select
        device_id,
        space_id,
        valid_from,
        valid_to,
        duration_seconds,
        cast(event_count as integer) as event_count,
        is_open,
        is_capped
    from intervals
)

select * from final
