with

counters as (
    select * from {{ ref('int_counter_values_unioned') }}
),

increases as (
    {{ counter_increases(
        'counters',
        partition_by=['device_id', 'metric'],
        time_column='measured_at',
        value_column='metric_value'
    ) | indent(4) }}
)

select * from increases
