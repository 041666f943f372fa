{% macro latest_snapshot(entity) -%}
    {#- A one-row relation (snapshot_at, exporter) naming the current snapshot of `entity`,
        from the loader manifest (so an empty latest file correctly means "no rows", and an id
        absent from it has been deleted). v1 writes a metadata file only when something
        changed, so its latest file stays current while the v1 exporter keeps delivering any
        file at or after the newest legacy snapshot; it is preferred then. Otherwise (v1 never
        ran or stopped) the newest snapshot of either exporter wins. -#}
    with

    ls_delivered as (
        select * from {{ ref('stg_loader__manifest_files') }}
        where status in ('ok', 'empty')
    ),

    ls_latest as (
        select family, max(window_start) as snapshot_at
        from ls_delivered
        where dataset = '{{ entity }}' and kind = 'metadata'
        group by family
    ),

    ls_v1_active as (
        select coalesce(max(window_end) >= (select max(snapshot_at) from ls_latest), false)
            as is_active
        from ls_delivered
        where family = 'v1'
    )

    select
        ls_latest.snapshot_at,
        ls_latest.family as exporter
    from ls_latest
    cross join ls_v1_active
    order by
        (ls_latest.family = 'v1' and ls_v1_active.is_active) desc,
        ls_latest.snapshot_at desc
    limit 1
{%- endmacro %}
