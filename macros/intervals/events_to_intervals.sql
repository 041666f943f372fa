{% macro events_to_intervals(
    relation,
    partition_by,
    order_by,
    value_columns,
    upper_bound,
    tie_breakers=[],
    compress_runs=false,
    max_state_age_seconds=none,
    carry_columns=[]
) -%}
    {#- Events -> half-open validity intervals [valid_from, valid_to).

        One row per event (or, with compress_runs, per maximal run of consecutive events with
        the same values; event_count says how many). valid_to is the next event's (run's) time;
        the last interval of a partition ends at `upper_bound` (an expression, normally the
        measurement's watermark) or at its own start if it lies after the bound, and is flagged
        is_open. Ordering is deterministic: order_by, then tie_breakers; events that tie on
        order_by give zero-length intervals. With max_state_age_seconds a state holds at most
        that long after the last event that reported it: a run ends that long after its last
        event when nothing came sooner (is_capped), and an event arriving later than that after
        the previous one starts a new run even with an equal value (the device was silent in
        between). Null values are values: a null after a non-null starts a new run.

        Three steps: event_run_starts (order, mark run starts), event_run_links (each run's
        next start, event count, last event), then the bounds here. Columns: partition_by,
        value_columns, carry_columns (taken from the run's first event), valid_from, valid_to,
        duration_seconds (from whole milliseconds), event_count, is_open, is_capped. -#}
    {%- set capped = max_state_age_seconds is not none -%}
    {%- set max_age = iot_facts.seconds_interval(max_state_age_seconds) -%}
    with

    e2i_ordered as (
        {{ iot_facts.event_run_starts(
            relation, partition_by, order_by, tie_breakers, value_columns + carry_columns,
            value_columns if compress_runs else none, upper_bound, max_state_age_seconds
        ) | indent(8) }}
    ),

    e2i_linked as (
        {{ iot_facts.event_run_links('e2i_ordered', partition_by, compress_runs, capped)
            | indent(8) }}
    ),

    e2i_bounded as (
        select
            *,
            coalesce(e2i_next_from, greatest(e2i_upper_bound, valid_from)) as e2i_natural_to
        from e2i_linked
    ),

    e2i_final as (
        select
            {{ partition_by | join(', ') }},
            {%- for c in value_columns + carry_columns %}
            {{ c }},
            {%- endfor %}
            valid_from,
            {%- if capped %}
            least(e2i_natural_to, e2i_last_event_at + {{ max_age }}) as valid_to,
            e2i_natural_to > e2i_last_event_at + {{ max_age }} as is_capped,
            {%- else %}
            e2i_natural_to as valid_to,
            false as is_capped,
            {%- endif %}
            event_count,
            e2i_next_from is null as is_open
        from e2i_bounded
    )

    select
        *,
        {{ iot_facts.date_diff_units('millisecond', 'valid_from', 'valid_to') }} / 1e3 as duration_seconds
    from e2i_final
{%- endmacro %}
