with

intervals as (
    select * from {{ ref('split_input') }} where interval_id != 'e'
),

pieces as (
    {{ iot_facts.split_intervals('intervals', 'hour') | indent(4) }}
)

select * from pieces
