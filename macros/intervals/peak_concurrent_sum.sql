{% macro peak_concurrent_sum(
    relation, partition_by, amount, valid_from='valid_from', valid_to='valid_to'
) -%}
    {#- The exact maximum, per partition, of the sum of `amount` over the half-open intervals
        [valid_from, valid_to) in force at the same instant (e.g. the peak occupants of an area
        whose devices each report a count). A sweep: +amount where an interval starts,
        -amount where it ends, a running sum in time order; at equal times the removals come
        first (the smaller delta first), so intervals that only touch are never counted
        together, and a zero-length interval (empty: its removal sorts before its addition)
        never counts. Negative amounts are not supported (the ordering assumes ends lower the
        sum). Columns: partition_by, peak. -#}
    {%- set partition_sql = partition_by | join(', ') -%}
    with

    pk_steps as (
        select {{ partition_sql }}, {{ valid_from }} as at_time, {{ amount }} as delta
        from {{ relation }}
        union all
        select {{ partition_sql }}, {{ valid_to }} as at_time, -{{ amount }} as delta
        from {{ relation }}
    ),

    pk_levels as (
        select
            {{ partition_sql }},
            sum(delta) over (
                partition by {{ partition_sql }} order by at_time, delta
                rows between unbounded preceding and current row
            ) as level
        from pk_steps
    )

    select {{ partition_sql }}, max(level) as peak
    from pk_levels
    group by all
{%- endmacro %}
