{% macro current_entity(staging_model, entity) -%}
    {#- The rows of the latest delivered snapshot of an entity (see latest_snapshot). -#}
    with

    snapshots as (
        select * from {{ ref(staging_model) }}
    ),

    latest as (
        {{ latest_snapshot(entity) | indent(8) }}
    ),

    final as (
        select snapshots.*
        from snapshots
        inner join latest using (snapshot_at, exporter)
    )

    select * from final
{%- endmacro %}
