{% macro space_ancestry(relation, id_column='space_id', parent_column='parent_space_id') -%}
    {#- Closure of a parent-pointer tree with a recursive CTE that always terminates.

        One row per (space, ancestor) with the distance (0 = itself) and the path of ids from
        the space up to that ancestor. The walk stops at a root (null parent), at a parent
        missing from the relation (orphan), and before revisiting a space (a self-parent or a
        longer loop), so bad data never loops forever and no space is dropped.
        hierarchy_issue (on every row of the space): null, 'self_parent', 'cycle' or
        'missing_parent', judged at the last ancestor reached. -#}
    with recursive

    sa_nodes as (
        select {{ id_column }} as node_id, {{ parent_column }} as parent_id
        from {{ relation }}
    ),

    sa_walk (space_id, ancestor_space_id, distance, path_ids) as (
        select
            node_id as space_id,
            node_id as ancestor_space_id,
            0 as distance,
            {{ iot_facts.list_of('node_id') }} as path_ids
        from sa_nodes
        union all
        select
            sa_walk.space_id,
            sa_nodes.parent_id,
            sa_walk.distance + 1,
            {{ iot_facts.list_append_value('sa_walk.path_ids', 'sa_nodes.parent_id') }}
        from sa_walk
        inner join sa_nodes on sa_walk.ancestor_space_id = sa_nodes.node_id
        inner join sa_nodes as parents on sa_nodes.parent_id = parents.node_id
        where not {{ iot_facts.list_has('sa_walk.path_ids', 'sa_nodes.parent_id') }}
    ),

    sa_tops as (
        select
            sa_walk.space_id,
            sa_walk.ancestor_space_id as top_space_id,
            sa_walk.path_ids,
            sa_nodes.parent_id as top_parent_id
        from sa_walk
        inner join sa_nodes on sa_walk.ancestor_space_id = sa_nodes.node_id
        qualify row_number() over (partition by sa_walk.space_id order by sa_walk.distance desc) = 1
    ),

    sa_issues as (
        select
            space_id,
            top_space_id,
            case
                when top_parent_id is null then null
                when top_parent_id = top_space_id then 'self_parent'
                when {{ iot_facts.list_has('path_ids', 'top_parent_id') }} then 'cycle'
                else 'missing_parent'
            end as hierarchy_issue
        from sa_tops
    )

    select
        sa_walk.space_id,
        sa_walk.ancestor_space_id,
        sa_walk.distance,
        sa_walk.path_ids,
        sa_issues.top_space_id,
        sa_issues.hierarchy_issue
    from sa_walk
    inner join sa_issues on sa_walk.space_id = sa_issues.space_id
{%- endmacro %}
