{% macro recompute_from_run_before(changes, runs) -%}
    {#- The recompute-scope rule of the incremental interval facts, per device of `changes`
        (device_id, first_new_event_at): recompute from the start of the run BEFORE the run
        of `runs` (device_id, valid_from: the intervals already built) that contains the
        earliest new event. A new event can split the run it falls in, end the run before it
        at a new time, or (with an equal value) merge into it, so that earlier run must be
        rebuilt too; everything before it stays as built. When the containing run is the
        first, recompute from it; when the event comes before every run (or the device has
        no runs), from the event itself. Runs sharing a start (tied events) count as one.
        Columns: device_id, recompute_from. -#}
    with

    rb_starts as (
        select
            device_id,
            valid_from,
            lag(valid_from) over (partition by device_id order by valid_from) as previous_from
        from (select distinct device_id, valid_from from {{ runs }}) as distinct_starts
    )

    select
        changes.device_id,
        coalesce(
            rb_starts.previous_from, rb_starts.valid_from, changes.first_new_event_at
        ) as recompute_from
    from {{ changes }} as changes
    left join rb_starts
        on
            changes.device_id = rb_starts.device_id
            and changes.first_new_event_at >= rb_starts.valid_from
    qualify row_number() over (
        partition by changes.device_id order by rb_starts.valid_from desc nulls last
    ) = 1
{%- endmacro %}
