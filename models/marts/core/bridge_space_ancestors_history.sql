{#- One row per space version and each space at or above it then (dim_spaces_history's
    ancestor_ids). Versions of a space that keep the same ancestor are not merged: the key is
    the pair and the version's start. -#}
with

space_history as (
    select * from {{ ref('dim_spaces_history') }}
),

pairs as (
    select
        space_history.space_id as descendant_space_id,
        space_history.version_number,
        space_history.valid_from,
        space_history.valid_to,
        {{ iot_facts.unnest_with_position(
            'space_history.ancestor_ids', 'ancestor_space_id', 'distance'
        ) }}
    from space_history
),

final as (
    select
        ancestor_space_id,
        descendant_space_id,
        cast(distance as integer) as distance,
        case
            when version_number = 1 then {{ iot_facts.ts_neg_infinity() }} else valid_from
        end as valid_from,
        valid_to
    from pairs
)

select * from final
