with

intervals as (
    select * from {{ ref('sp_intervals') }}
),

pieces as (
    {{ iot_facts.split_at_placements('intervals', ref('sp_placements')) | indent(4) }}
)

select * from pieces
