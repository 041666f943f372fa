-- Known macro lint finding (AL08), reported in issue #17; drop this line once fixed:
-- space_ancestry's recursive anchor selects node_id twice (select node_id, node_id, 0, [node_id])
-- sqlfluff:exclude_rules:AM04,ST06,RF04,LT05,AL09,CV12,LT01,LT02,LT03,LT04,LT06,LT07,LT08,LT09,LT10,LT11,LT12,LT13,LT14,LT15,RF06,AL08
with

closure as (
    {{ iot_facts.space_ancestry(ref('sa_spaces')) | indent(4) }}
)

select
    space_id,
    ancestor_space_id,
    distance,
    array_to_string(path_ids, '>') as path,
    top_space_id,
    hierarchy_issue
from closure
