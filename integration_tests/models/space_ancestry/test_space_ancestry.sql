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
