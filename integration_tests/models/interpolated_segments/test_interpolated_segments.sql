with

samples as (
    select * from {{ ref('is_samples') }}
),

segments as (
    {{ iot_facts.interpolated_segments(
        'samples', ['sensor_id'], 'sampled_at', 'sample', 'watermark'
    ) | indent(4) }}
)

select * from segments
