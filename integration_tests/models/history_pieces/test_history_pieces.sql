with

zones as (
    select * from {{ ref('hp_zones') }}
),

spaces as (
    select * from {{ ref('hp_spaces') }}
),

pieces as (
    {{ iot_facts.history_pieces('zones', ['zone_id'], 'space_id', 'spaces', 'space_id')
        | indent(4) }}
)

select * from pieces
