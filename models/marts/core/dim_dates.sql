{#- The calendar MetricFlow joins to (time spine, day): every date from var time_spine_start
    to time_spine_end, so a metric over days with no rows can show them. -#}
with

days as (
    select {{ iot_facts.range_rows(
        "cast('" ~ var("time_spine_start") ~ "' as date)",
        "cast('" ~ var("time_spine_end") ~ "' as date)",
        'interval 1 day'
    ) }} as day_start
),

final as (
    select
        cast(day_start as date) as date_day,
        cast({{ iot_facts.iso_weekday('day_start') }} as integer) as iso_weekday,
        {{ iot_facts.iso_weekday('day_start') }} <= 5 as is_weekday
    from days
)

select * from final
