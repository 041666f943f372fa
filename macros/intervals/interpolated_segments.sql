{% macro interpolated_segments(relation, partition_by, time_column, value_column, upper_bound) -%}
    {#- Step 1 of time_weighted_by_grain: the straight-line segments between consecutive
        samples of a value per partition, as [valid_from, valid_to) with start_value and
        end_value. Samples tying on time are ordered by value (the line jumps between them);
        after the last sample the value stays constant until `upper_bound` (the watermark);
        nothing is known past the bound, so a segment crossing it is cut there (with the
        line's value at the cut) and a sample after it gives a segment of no length. Null
        values and times are ignored. -#}
    {%- set partition_sql = partition_by | join(', ') -%}
    with

    tw_samples as (
        select
            {{ partition_sql }},
            {{ time_column }} as sampled_at,
            {{ value_column }} as sample_value,
            greatest({{ upper_bound }}, {{ time_column }}) as tw_clip
        from {{ relation }}
        where {{ value_column }} is not null and {{ time_column }} is not null
    ),

    tw_linked as (
        select
            *,
            lead(sampled_at) over tw_window as next_at,
            lead(sample_value) over tw_window as next_value
        from tw_samples
        window tw_window as (
            partition by {{ partition_sql }} order by sampled_at, sample_value
        )
    ),

    tw_bounded as (
        select
            *,
            least(coalesce(next_at, tw_clip), tw_clip) as tw_to
        from tw_linked
    )

    select
        {{ partition_sql }},
        sampled_at as valid_from,
        tw_to as valid_to,
        sample_value as start_value,
        case
            when next_at is null then sample_value
            when tw_to = next_at then next_value
            else sample_value + (next_value - sample_value)
                * {{ iot_facts.date_diff_units('millisecond', 'sampled_at', 'tw_to') }}
                / {{ iot_facts.date_diff_units('millisecond', 'sampled_at', 'next_at') }}
        end as end_value
    from tw_bounded
{%- endmacro %}
