with

hourly as (
    select * from {{ ref('fct_space_occupancy_hourly') }}
),

final as (
    select
        space_id,
        local_date,
        sum(occupied_seconds) as occupied_seconds,
        sum(observed_seconds) as observed_seconds,
        sum(occupied_seconds) / sum(observed_seconds) as utilization_ratio,
        coalesce(sum(occupied_seconds) filter (where is_business_hour), 0)
            as business_occupied_seconds,
        coalesce(sum(observed_seconds) filter (where is_business_hour), 0)
            as business_observed_seconds,
        sum(occupied_seconds) filter (where is_business_hour)
        / nullif(sum(observed_seconds) filter (where is_business_hour), 0)
            as business_utilization_ratio,
        max(peak_occupants) as peak_occupants
    -- local_date and is_business_hour: the hourly mart's local-time columns
    from hourly
    group by all
)

select * from final
