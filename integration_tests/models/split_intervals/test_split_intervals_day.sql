with

intervals as (
    select * from {{ ref('split_input') }}
),

pieces as (
    {{ iot_facts.split_intervals('intervals', grain='day') | indent(4) }}
)

select * from pieces
