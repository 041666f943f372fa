{% macro delete_hours_before_intervals(intervals_model) -%}
    {#- Pre-hook of an incremental hourly fact built from interval facts: drop the rows of
        devices that have no interval left, and rows before the hour of a device's first
        interval. Both happen when the interval facts rebuilt a device from scratch (see
        unverified_state_devices); the run's scope then recomputes every later hour. A no-op
        on full builds. -#}
    {%- if is_incremental() -%}
    delete from {{ this }} as existing
    where not exists (
        select 1
        from {{ ref(intervals_model) }} as intervals
        where
            intervals.device_id = existing.device_id
            and date_trunc('hour', intervals.valid_from) <= existing.hour_start
    )
    {%- endif -%}
{%- endmacro %}
