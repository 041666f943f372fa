{% macro event_run_links(relation, partition_by, compress_runs, capped) -%}
    {#- Step 2 of events_to_intervals: links each run start (from event_run_starts) to the
        next one in its partition: e2i_next_from (the next run's start; null for the last
        run), event_count (events up to the next run) and, when capped, e2i_last_event_at
        (the run's last event: the event just before the next run's start, or the partition's
        last event; without compress_runs every run is one event, its own start). -#}
    select
        *,
        lead(valid_from) over e2i_next as e2i_next_from,
        coalesce(lead(e2i_event_number) over e2i_next, e2i_partition_events + 1)
        - e2i_event_number as event_count
        {%- if capped %},
        {%- if compress_runs %}
        coalesce(lead(e2i_previous_event_at) over e2i_next, e2i_partition_last_at)
        {%- else %}
        valid_from
        {%- endif %}
            as e2i_last_event_at
        {%- endif %}
    from {{ relation }}
    window e2i_next as (partition by {{ partition_by | join(', ') }} order by e2i_event_number)
{%- endmacro %}
