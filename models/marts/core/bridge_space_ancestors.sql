with

ancestry as (
    select * from {{ ref('int_space_ancestry') }}
),

final as (
    select
        ancestor_space_id,
        space_id as descendant_space_id,
        cast(distance as integer) as distance
    from ancestry
)

select * from final
