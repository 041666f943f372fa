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
