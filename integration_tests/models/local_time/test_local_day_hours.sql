{#- Every UTC hour around the two DST changes of 2024, counted per local date. -#}
with

utc_hours as (
    select unnest(range(
        timestamp '2024-03-29 00:00:00', timestamp '2024-04-02 00:00:00', interval 1 hour
    )) as utc_hour
    union all
    select unnest(range(
        timestamp '2024-10-25 00:00:00', timestamp '2024-10-29 00:00:00', interval 1 hour
    ))
),

local_hours as (
    select {{ iot_facts.to_local_time('utc_hour') }} as local_hour
    from utc_hours
)

select
    cast(local_hour as date) as local_date,
    count(*) as utc_hours,
    count(distinct hour(local_hour)) as distinct_local_hours
from local_hours
where cast(local_hour as date) in ('2024-03-30', '2024-03-31', '2024-10-26', '2024-10-27')
group by all
