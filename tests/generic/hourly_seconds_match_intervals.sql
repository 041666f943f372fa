{% test hourly_seconds_match_intervals(model, intervals, partition_by, seconds_column, interval_filter='true') %}
{#- Splitting is exact: per partition, the hourly seconds add up to the summed durations of
    the intervals they were split from (to the millisecond). -#}
with hourly as (
    select {{ partition_by | join(', ') }}, sum({{ seconds_column }}) as hourly_seconds
    from {{ model }}
    group by all
),
source_intervals as (
    select {{ partition_by | join(', ') }}, sum(duration_seconds) as interval_seconds
    from {{ intervals }}
    where {{ interval_filter }}
    group by all
)
select *
from hourly
full outer join source_intervals using ({{ partition_by | join(', ') }})
where abs(coalesce(hourly_seconds, 0) - coalesce(interval_seconds, 0)) > 0.0005
{% endtest %}
