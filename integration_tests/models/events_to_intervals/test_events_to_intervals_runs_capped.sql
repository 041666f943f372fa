with

events as (
    select * from {{ ref('e2i_events') }}
),

intervals as (
    {{ iot_facts.events_to_intervals(
        'events',
        partition_by=['device_id'],
        order_by='measured_at',
        value_columns=['value'],
        upper_bound="timestamp '2024-01-01 12:00:00'",
        tie_breakers=['seq'], compress_runs=true, max_state_age_seconds=1800, carry_columns=['note']
    ) | indent(4) }}
)

select * from intervals
