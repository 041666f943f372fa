{#- Every UTC hour around the two DST changes of 2024 in Helsinki, per local date: 23 rows on
    the spring Sunday, 25 on the autumn one (local hour 3 twice), business hours on weekdays. -#}
with

utc_hours as (
    select unnest(range(
        timestamp '2024-03-28 22:00:00', timestamp '2024-04-01 21:00:00', interval 1 hour
    )) as hour_start
    union all
    select unnest(range(
        timestamp '2024-10-24 21:00:00', timestamp '2024-10-28 22:00:00', interval 1 hour
    ))
),

localized as (
    select {{ iot_facts.local_time_columns('hour_start') }}
    from utc_hours
)

select
    local_date,
    count(*) as hours,
    count(distinct local_hour) as distinct_local_hours,
    count(*) filter (where local_hour = 3) as hours_at_local_3,
    min(local_weekday) as local_weekday,
    max(local_weekday) as max_local_weekday,
    count(*) filter (where is_business_hour) as business_hours
from localized
group by all
