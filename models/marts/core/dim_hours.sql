{#- Every UTC hour from var time_spine_start to time_spine_end (MetricFlow's time spine at hour
    granularity), with its local-time columns: an hour-of-week grid that keeps hours without
    data. -#}
with

hours as (
    select {{ iot_facts.range_rows(
        "cast('" ~ var("time_spine_start") ~ "' as timestamp)",
        "cast('" ~ var("time_spine_end") ~ "' as timestamp)",
        'interval 1 hour'
    ) }} as hour_start
),

final as (
    select
        hour_start,
        {{ local_time_columns('hour_start') | indent(8) }}
    from hours
)

select * from final
