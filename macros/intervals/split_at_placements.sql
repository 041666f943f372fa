{% macro split_at_placements(intervals, placements) -%}
    {#- Cuts each interval of `intervals` (device_id, valid_from, valid_to, duration_seconds,
        event_count, is_open, is_capped, value columns) where the device's placement
        (`placements`: device_id, valid_from, valid_to) starts or ends inside it, so every
        piece lies in one placement. A piece after a cut continues its run: is_placement_split
        is true, event_count is 0 (the run's events stay on its first piece, so sums hold),
        and is_open / is_capped stay on the run's last piece only. -#}
    with

    {#- Only finite placement bounds cut: most devices have one fixed placement for all time,
        so their runs pass through untouched (the range join, the window and the join back
        run on the few runs a bound falls in). #}
    sp_cut_points as (
        select
            device_id,
            valid_from as cut_at
        from {{ placements }}
        where valid_from > {{ iot_facts.ts_neg_infinity() }}
        union
        select
            device_id,
            valid_to as cut_at
        from {{ placements }}
        where valid_to < {{ iot_facts.ts_infinity() }}
    ),

    {#- A run is identified by device, start and end: tied events make zero-length runs
        sharing a start with the next run (nothing is ever cut inside those). #}
    sp_cuts as (
        select
            runs.device_id,
            runs.valid_from as run_from,
            runs.valid_to as run_to,
            sp_cut_points.cut_at
        from {{ intervals }} as runs
        inner join sp_cut_points
            on
                runs.device_id = sp_cut_points.device_id
                and runs.valid_from < sp_cut_points.cut_at
                and runs.valid_to > sp_cut_points.cut_at
    ),

    sp_starts as (
        select
            device_id,
            run_from,
            run_to,
            run_from as piece_from
        from sp_cuts
        union
        select
            device_id,
            run_from,
            run_to,
            cut_at as piece_from
        from sp_cuts
    ),

    sp_bounds as (
        select
            *,
            coalesce(
                lead(piece_from) over (
                    partition by device_id, run_from, run_to order by piece_from
                ),
                run_to
            ) as piece_to
        from sp_starts
    ),

    sp_pieces as (
        select
            runs.*,
            sp_bounds.piece_from,
            sp_bounds.piece_to
        from sp_bounds
        inner join {{ intervals }} as runs
            on
                sp_bounds.device_id = runs.device_id
                and sp_bounds.run_from = runs.valid_from
                and sp_bounds.run_to = runs.valid_to
    ),

    sp_split as (
        select
            * {{ iot_facts.exclude_keyword() }} (
                valid_from, valid_to, duration_seconds, event_count, is_open, is_capped,
                piece_from, piece_to
            ),
            piece_from as valid_from,
            piece_to as valid_to,
            {{ iot_facts.date_diff_units('millisecond', 'piece_from', 'piece_to') }} / 1e3
                as duration_seconds,
            case when piece_from = valid_from then event_count else 0 end as event_count,
            is_open and piece_to = valid_to as is_open,
            is_capped and piece_to = valid_to as is_capped,
            piece_from != valid_from as is_placement_split
        from sp_pieces
    ),

    sp_uncut as (
        select runs.*
        from {{ intervals }} as runs
        anti join sp_cuts
            on
                runs.device_id = sp_cuts.device_id
                and runs.valid_from = sp_cuts.run_from
                and runs.valid_to = sp_cuts.run_to
    ),

    {#- the columns in sp_split's order, so the two union by position #}
    sp_whole as (
        select
            * {{ iot_facts.exclude_keyword() }} (
                valid_from, valid_to, duration_seconds, event_count, is_open, is_capped
            ),
            valid_from,
            valid_to,
            duration_seconds,
            event_count,
            is_open,
            is_capped,
            false as is_placement_split
        from sp_uncut
    )

    select * from sp_split
    union all
    select * from sp_whole
{%- endmacro %}
