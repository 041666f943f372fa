{#- The calendar MetricFlow joins to (time spine, day): every date from var time_spine_start
    to time_spine_end, so a metric over days with no rows can show them. -#}
with

days as (
    select cast(unnest(range(
        cast('{{ var("time_spine_start") }}' as date),
        cast('{{ var("time_spine_end") }}' as date),
        interval 1 day
    )) as date) as date_day
),

final as (
    select
        date_day,
        cast(isodow(date_day) as integer) as iso_weekday,
        isodow(date_day) <= 5 as is_weekday
    from days
)

select * from final
