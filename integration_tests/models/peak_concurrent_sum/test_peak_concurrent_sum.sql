with

intervals as (
    select * from {{ ref('pk_intervals') }}
),

peaks as (
    {{ iot_facts.peak_concurrent_sum('intervals', ['area_id'], 'amount') | indent(4) }}
)

select * from peaks
