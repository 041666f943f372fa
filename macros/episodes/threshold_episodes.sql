{% macro threshold_episodes(
    relation, partition_by, order_by, value_column, threshold, min_seconds, upper_bound
) -%}
    {#- Episodes of a value above a threshold, from events (a value holds until the next event
        that carries one; events without a value are ignored). An episode is a maximal run of
        consecutive events with value > threshold (runs from events_to_intervals, on the
        above/below flag): it starts at its first event and ends at the first later event at
        or below the threshold, or at `upper_bound` (the watermark) while still above
        (is_open). Kept when it lasted at least `min_seconds`.

        Columns: partition_by, started_at, ended_at, duration_seconds, peak_value,
        event_count, is_open. Longer than the ~60-line guide because the peak needs each
        episode's events joined back on every partition column; the steps are short CTEs. -#}
    {%- set partition_sql = partition_by | join(', ') -%}
    with

    te_events as (
        select
            {{ partition_sql }},
            {{ order_by }} as event_at,
            {{ value_column }} as te_value,
            {{ value_column }} > {{ threshold }} as is_above,
            {{ upper_bound }} as te_upper_bound
        from {{ relation }}
        where {{ value_column }} is not null
    ),

    te_runs as (
        {{ iot_facts.events_to_intervals(
            'te_events',
            partition_by=partition_by,
            order_by='event_at',
            value_columns=['is_above'],
            upper_bound='te_upper_bound',
            tie_breakers=['te_value'],
            compress_runs=true
        ) | indent(8) }}
    ),

    te_episodes as (
        select * from te_runs
        where is_above and duration_seconds >= {{ min_seconds }}
    ),

    te_peaks as (
        -- the run's events: from its start up to the next run's (all later ones when open).
        -- Each event is matched to the latest episode starting at or before it (ASOF), then
        -- kept while inside it; a range join instead paired every event with every earlier
        -- episode of its device (130M pairs for 3.5M CO2 readings at 10M events).
        select
            {%- for p in partition_by %}
            te_episodes.{{ p }},
            {%- endfor %}
            te_episodes.valid_from,
            max(te_events.te_value) as peak_value
        from te_events
        {{ iot_facts.asof_join('inner') }} te_episodes
            on
                {%- for p in partition_by %}
                te_events.{{ p }} = te_episodes.{{ p }}
                and
                {%- endfor %}
                te_events.event_at >= te_episodes.valid_from
        where te_episodes.valid_to > te_events.event_at or te_episodes.is_open
        group by all
    )

    select
        {%- for p in partition_by %}
        te_episodes.{{ p }},
        {%- endfor %}
        te_episodes.valid_from as started_at,
        te_episodes.valid_to as ended_at,
        te_episodes.duration_seconds,
        te_peaks.peak_value,
        te_episodes.event_count,
        te_episodes.is_open
    from te_episodes
    inner join te_peaks
        on
            {%- for p in partition_by %}
            te_episodes.{{ p }} = te_peaks.{{ p }}
            and
            {%- endfor %}
            te_episodes.valid_from = te_peaks.valid_from
{%- endmacro %}
