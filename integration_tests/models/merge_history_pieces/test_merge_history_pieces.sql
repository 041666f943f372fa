with

pieces as (
    select * from {{ ref('mp_pieces') }}
),

versions as (
    {{ iot_facts.merge_history_pieces('pieces', ['zone_id'], ['space_path']) | indent(4) }}
)

select * from versions
