{% macro space_lineage(ancestry, spaces, id_column='space_id') -%}
    {#- Per space, what its ancestry (space_ancestry over `spaces`) says about its place: root,
        depth, the path of names from the root ('?' for a nameless space), the nearest
        location, building and floor above it or itself, and the hierarchy issue. `spaces`
        has `id_column` (the id the ancestry was built on), space_name and space_type. -#}
    with

    sl_ancestors as (
        select
            {{ ancestry }}.space_id,
            {{ ancestry }}.distance,
            {{ ancestry }}.top_space_id,
            {{ ancestry }}.hierarchy_issue,
            {{ ancestry }}.ancestor_space_id,
            ancestors.space_type as ancestor_type,
            ancestors.space_name as ancestor_name
        from {{ ancestry }}
        inner join {{ spaces }} as ancestors
            on {{ ancestry }}.ancestor_space_id = ancestors.{{ id_column }}
    )

    select
        space_id,
        any_value(top_space_id) as root_space_id,
        any_value(hierarchy_issue) as hierarchy_issue,
        max(distance) as depth,
        {{ iot_facts.ordered_string_agg("coalesce(ancestor_name, '?')", "' / '", 'distance desc') }}
            as space_path,
        {{ iot_facts.arg_min_nonnull('ancestor_space_id', 'distance', "ancestor_type = 'location'") }}
            as location_id,
        {{ iot_facts.arg_min_nonnull('ancestor_space_id', 'distance', "ancestor_type = 'building'") }}
            as building_id,
        {{ iot_facts.arg_min_nonnull('ancestor_space_id', 'distance', "ancestor_type = 'floor'") }}
            as floor_id
    from sl_ancestors
    group by space_id
{%- endmacro %}
