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

        Columns: partition_by, value_columns, carry_columns (taken from the run's first event),
        valid_from, valid_to, duration_seconds (from whole milliseconds), event_count, is_open,
        is_capped. -#}
    {%- set partition_sql = partition_by | join(', ') -%}
    {%- set order_sql = ([order_by] + tie_breakers) | join(', ') -%}
    {%- set values_sql = value_columns | join(', ') -%}
    {%- set capped = max_state_age_seconds is not none -%}
    {%- set max_age = 'to_seconds(' ~ max_state_age_seconds ~ ')' -%}
    with

    e2i_ordered as (
        select
            {{ partition_sql }},
            {{ order_by }} as valid_from,
            {%- for c in value_columns + carry_columns %}
            {{ c }},
            {%- endfor %}
            {{ upper_bound }} as e2i_upper_bound,
            row_number() over e2i_window as e2i_event_number,
            count(*) over (partition by {{ partition_sql }}) as e2i_partition_events
            {%- if capped and compress_runs %},
            lag({{ order_by }}) over e2i_window as e2i_previous_event_at,
            max({{ order_by }}) over (partition by {{ partition_sql }}) as e2i_partition_last_at
            {%- endif %}
            {%- if compress_runs %},
            {%- if value_columns | length == 1 %}
            not ({{ values_sql }} is not distinct from lag({{ values_sql }}) over e2i_window)
            {%- else %}
            not (
                struct_pack({{ values_sql }})
                is not distinct from lag(struct_pack({{ values_sql }})) over e2i_window
            )
            {%- endif %}
                {%- if capped %}
                or {{ order_by }} - lag({{ order_by }}) over e2i_window > {{ max_age }}
                {%- endif %}
                or row_number() over e2i_window = 1 as e2i_starts_run
            {%- endif %}
        from {{ relation }}
        window e2i_window as (partition by {{ partition_sql }} order by {{ order_sql }})
    ),

    e2i_starts as (
        select * from e2i_ordered
        {%- if compress_runs %}
        where e2i_starts_run
        {%- endif %}
    ),

    e2i_linked as (
        select
            *,
            lead(valid_from) over e2i_next as e2i_next_from,
            coalesce(lead(e2i_event_number) over e2i_next, e2i_partition_events + 1)
            - e2i_event_number as event_count
            {%- if capped %},
            {%- if compress_runs %}
            {#- the event just before the next run's start is this run's last #}
            coalesce(lead(e2i_previous_event_at) over e2i_next, e2i_partition_last_at)
            {%- else %}
            valid_from
            {%- endif %}
                as e2i_last_event_at
            {%- endif %}
        from e2i_starts
        window e2i_next as (partition by {{ partition_sql }} order by e2i_event_number)
    ),

    e2i_bounded as (
        select
            *,
            coalesce(e2i_next_from, greatest(e2i_upper_bound, valid_from)) as e2i_natural_to
        from e2i_linked
    ),

    e2i_final as (
        select
            {{ partition_sql }},
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
        date_diff('millisecond', valid_from, valid_to) / 1000.0 as duration_seconds
    from e2i_final
{%- endmacro %}
