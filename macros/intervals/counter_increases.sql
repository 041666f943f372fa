{% macro counter_increases(relation, partition_by, time_column, value_column) -%}
    {#- Cumulative counter readings -> per-reading increases.

        increase = value - previous value; a drop means the counter was reset (reboot, factory
        reset, wrap), so the increase is the new value itself (counted from zero) and is_reset
        is true. The first reading of a partition only sets the baseline (increase null).
        Readings tying on time are ordered by value. Null readings are skipped. Sum `increase`
        and `is_reset` per period for roll-ups. -#}
    {%- set partition_sql = partition_by | join(', ') -%}
    with

    ci_readings as (
        select
            {{ partition_sql }},
            {{ time_column }} as measured_at,
            {{ value_column }} as counter_value,
            lag({{ value_column }}) over (
                partition by {{ partition_sql }} order by {{ time_column }}, {{ value_column }}
            ) as previous_value
        from {{ relation }}
        where {{ value_column }} is not null
    )

    select
        *,
        previous_value is not null and counter_value < previous_value as is_reset,
        case
            when previous_value is null then null
            when counter_value < previous_value then counter_value
            else counter_value - previous_value
        end as increase
    from ci_readings
{%- endmacro %}
