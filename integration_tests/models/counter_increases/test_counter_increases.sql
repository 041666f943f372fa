with

readings as (
    select * from {{ ref('ci_readings') }}
),

increases as (
    {{ iot_facts.counter_increases(
        'readings', partition_by=['meter_id'], time_column='measured_at', value_column='reading'
    ) | indent(4) }}
)

select * from increases
