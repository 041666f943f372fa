-- Known macro lint finding (ST09), reported in issue #17; drop this line once fixed:
-- threshold_episodes' te_peaks join lists te_events.event_at >= te_episodes.valid_from (the later
-- table first)
-- sqlfluff:exclude_rules:AM04,ST06,RF04,LT05,AL09,CV12,LT01,LT02,LT03,LT04,LT06,LT07,LT08,LT09,LT10,LT11,LT12,LT13,LT14,LT15,RF06,ST09
with

events as (
    select * from {{ ref('te_events') }}
),

episodes as (
    {{ iot_facts.threshold_episodes(
        'events',
        partition_by=['thing_name'],
        order_by='event_at',
        value_column='speed_kmh',
        threshold=90,
        min_seconds=60,
        upper_bound="timestamp '2024-01-01 12:00:00'"
    ) | indent(4) }}
)

select * from episodes
