with

type_activity as (
    select * from {{ ref('int_device_type_activity_daily') }}
),

final as (
    select
        device_id,
        activity_date,
        sum(events) as events,
        max(last_measured_at) as last_measured_at
    from type_activity
    group by device_id, activity_date
)

select * from final
