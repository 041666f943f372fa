with

buckets as (
    {{ iot_facts.time_weighted_by_grain(
        ref('tw_samples'),
        partition_by=['sensor_id'],
        time_column='sampled_at',
        value_column='value',
        upper_bound='watermark',
        grain='hour'
    ) | indent(4) }}
)

select
    sensor_id,
    bucket_start,
    round(time_weighted_avg, 9) as time_weighted_avg,
    round(min_value, 9) as min_value,
    round(max_value, 9) as max_value,
    sample_count,
    round(covered_seconds, 3) as covered_seconds
from buckets
