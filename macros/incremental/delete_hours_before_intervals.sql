{% macro delete_hours_before_intervals(intervals_model) -%}
    {#- Pre-hook of an incremental hourly fact built from interval facts: drop the rows of
        devices that have no interval left, and rows before the hour of a device's first
        interval. Both happen when the interval facts rebuilt a device from scratch (see
        unverified_state_devices); the run's scope then recomputes every later hour. A no-op
        on full builds. Each device's first hour is aggregated once and hash-joined: a
        correlated "no interval starts by this hour" test ran as a range join of every kept
        hour against every interval (minutes at 10M events). -#}
    {%- if is_incremental() -%}
    {%- set firsts -%}
        select kept.device_id, min(date_trunc('hour', intervals.valid_from)) as first_hour
        from (select distinct device_id from {{ this }}) as kept
        left join {{ ref(intervals_model) }} as intervals
            on kept.device_id = intervals.device_id
        group by kept.device_id
    {%- endset -%}
    {{ iot_facts.delete_rows(
        this,
        'existing.device_id = scope.device_id'
        ~ ' and (scope.first_hour is null or existing.hour_start < scope.first_hour)',
        using=firsts
    ) }}
    {%- endif -%}
{%- endmacro %}
