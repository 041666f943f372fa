with

type_activity as (
    select * from {{ ref('int_device_type_activity_daily') }}
),

final as (
    select
        device_id,
        measurement_type,
        min(first_measured_at) as first_measured_at,
        max(last_measured_at) as last_measured_at,
        -- the sum of counts is a hugeint in DuckDB; the count it adds up is a bigint
        cast(sum(events) as bigint) as events,
        {{ iot_facts.sorted_distinct_list('exporter') }} as exporters
    from type_activity
    group by device_id, measurement_type
)

select * from final
