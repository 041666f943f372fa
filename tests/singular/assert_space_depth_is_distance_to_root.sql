-- Closure invariant: a space's depth equals its distance to its root in the closure table.
select dim_spaces.space_id, dim_spaces.depth, bridge.distance
from {{ ref('dim_spaces') }} as dim_spaces
left join {{ ref('bridge_space_ancestors') }} as bridge
    on
        dim_spaces.space_id = bridge.descendant_space_id
        and dim_spaces.root_space_id = bridge.ancestor_space_id
where bridge.distance is null or bridge.distance != dim_spaces.depth
