-- Closure invariant: every space appears as its own ancestor at distance 0.
select dim_spaces.space_id
from {{ ref('dim_spaces') }} as dim_spaces
left join {{ ref('bridge_space_ancestors') }} as bridge
    on
        dim_spaces.space_id = bridge.descendant_space_id
        and bridge.ancestor_space_id = dim_spaces.space_id
        and bridge.distance = 0
where bridge.descendant_space_id is null
