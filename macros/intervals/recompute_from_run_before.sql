{% macro recompute_from_run_before(changes, runs) -%}
    {#- The recompute-scope rule of the incremental interval facts, per device of `changes`
        (device_id, first_new_event_at): recompute from the start of the run BEFORE the run
        of `runs` (device_id, valid_from: the intervals already built) that contains the
        earliest new event. A new event can split the run it falls in, end the run before it
        at a new time, or (with an equal value) merge into it, so that earlier run must be
        rebuilt too; everything before it stays as built. When the containing run is the
        first, recompute from it; when the event comes before every run (or the device has
        no runs), from the event itself. Runs sharing a start (tied events) count as one.
        Columns: device_id, recompute_from.
        Two max() aggregates, not lag() over every run: a window sorts the whole history of
        `runs` each hourly run (1.1 s of 2 s at 10M events, bench/README.md). -#}
    with

    rb_containing as (
        select
            changes.device_id,
            changes.first_new_event_at,
            max(runs.valid_from) as containing_from
        from {{ changes }} as changes
        left join {{ runs }} as runs
            on
                changes.device_id = runs.device_id
                and changes.first_new_event_at >= runs.valid_from
        group by all
    ),

    rb_previous as (
        select
            rb_containing.device_id,
            rb_containing.first_new_event_at,
            rb_containing.containing_from,
            max(runs.valid_from) as previous_from
        from rb_containing
        left join {{ runs }} as runs
            on
                rb_containing.device_id = runs.device_id
                and rb_containing.containing_from > runs.valid_from
        group by all
    )

    select
        device_id,
        coalesce(previous_from, containing_from, first_new_event_at) as recompute_from
    from rb_previous
{%- endmacro %}
