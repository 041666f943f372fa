{#- The first two steps of events_to_intervals on their own: run starts (compressed on value,
    capped at 1800 s), then the links between them. -#}
with

events as (
    select * from {{ ref('rl_events') }}
),

starts as (
    {{ iot_facts.event_run_starts(
        'events', ['device_id'], 'measured_at', ['value'], ['value'], ['value'], 'watermark', 1800
    ) | indent(4) }}
),

links as (
    {{ iot_facts.event_run_links('starts', ['device_id'], true, true) | indent(4) }}
)

select * from links
