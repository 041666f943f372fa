{% macro entity_snapshot_series(entity) -%}
    {#- The delivered snapshots of a Haltian entity that count for its history, from the loader
        manifest, numbered in time order: (snapshot_seq, snapshot_at, exporter). A snapshot is a
        metadata file staged `ok` or `empty` (an empty file is a snapshot without rows); a
        window that never arrived is no snapshot, so it cannot delete anything. While both
        exporters deliver, v1 governs, as in latest_snapshot: a legacy snapshot at time t
        counts only when v1 is not active then, i.e. v1 has no snapshot at or before t, or
        delivered no file whose window ends at or after t (it stopped). -#}
    with

    ss_delivered as (
        select * from {{ ref('stg_loader__manifest_files') }}
        where status in ('ok', 'empty')
    ),

    ss_snapshots as (
        select distinct
            window_start as snapshot_at,
            family as exporter
        from ss_delivered
        where dataset = '{{ entity }}' and kind = 'metadata'
    ),

    ss_v1 as (
        select
            (
                select min(ss_snapshots.snapshot_at) from ss_snapshots
                where ss_snapshots.exporter = 'v1'
            ) as first_snapshot_at,
            (
                select max(ss_delivered.window_end) from ss_delivered
                where ss_delivered.family = 'v1'
            ) as last_window_end
    ),

    ss_counted as (
        select ss_snapshots.*
        from ss_snapshots
        cross join ss_v1
        where
            ss_snapshots.exporter = 'v1'
            or not coalesce(
                ss_v1.first_snapshot_at <= ss_snapshots.snapshot_at
                and ss_v1.last_window_end >= ss_snapshots.snapshot_at,
                false
            )
    )

    select
        row_number() over (order by snapshot_at, exporter) as snapshot_seq,
        snapshot_at,
        exporter
    from ss_counted
{%- endmacro %}
