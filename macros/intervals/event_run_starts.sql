{% macro event_run_starts(
    relation,
    partition_by,
    order_by,
    tie_breakers,
    columns,
    run_columns,
    upper_bound,
    max_state_age_seconds=none
) -%}
    {#- Step 1 of events_to_intervals: the events in a deterministic order (order_by, then
        tie_breakers) with their number in the partition (e2i_event_number) and the
        partition's event count (e2i_partition_events). With run_columns (a list), only the
        events that start a run are kept: the first of the partition, one whose run_columns
        differ from the previous event's (nulls compare as values), and, with
        max_state_age_seconds, one arriving more than that after the previous event. Capped
        runs also carry e2i_previous_event_at and e2i_partition_last_at, from which
        event_run_links finds each run's last event. `columns` are passed through. -#}
    {%- set partition_sql = partition_by | join(', ') -%}
    {%- set order_sql = ([order_by] + tie_breakers) | join(', ') -%}
    {%- set compress = run_columns is not none -%}
    {%- set capped = compress and max_state_age_seconds is not none -%}
    {%- set run_sql = (run_columns or []) | join(', ') -%}
    {%- set run_value = run_sql if (run_columns or []) | length == 1
        else iot_facts.struct_of(run_columns or []) -%}
    select * from (
        select
            {{ partition_sql }},
            {{ order_by }} as valid_from,
            {%- for c in columns %}
            {{ c }},
            {%- endfor %}
            {{ upper_bound }} as e2i_upper_bound,
            row_number() over e2i_window as e2i_event_number,
            count(*) over (partition by {{ partition_sql }}) as e2i_partition_events
            {%- if capped %},
            lag({{ order_by }}) over e2i_window as e2i_previous_event_at,
            max({{ order_by }}) over (partition by {{ partition_sql }}) as e2i_partition_last_at
            {%- endif %}
            {%- if compress %},
            not ({{ run_value }} is not distinct from lag({{ run_value }}) over e2i_window)
            {%- if capped %}
            or {{ order_by }} - lag({{ order_by }}) over e2i_window
            > {{ iot_facts.seconds_interval(max_state_age_seconds) }}
            {%- endif %}
            or row_number() over e2i_window = 1 as e2i_starts_run
            {%- endif %}
        from {{ relation }}
        window e2i_window as (partition by {{ partition_sql }} order by {{ order_sql }})
    ) as e2i_events
    {%- if compress %}
    where e2i_starts_run
    {%- endif %}
{%- endmacro %}
