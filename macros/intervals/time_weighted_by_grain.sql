{% macro time_weighted_by_grain(
    relation, partition_by, time_column, value_column, upper_bound, grain='hour'
) -%}
    {#- Time-weighted statistics of a sampled value per partition and `grain` bucket (UTC).

        The value is the straight line between consecutive samples (linear interpolation, as
        the Haltian docs recommend), constant after the last sample until `upper_bound` (the
        watermark), and undefined before the first sample (interpolated_segments). Per bucket,
        over its covered part: time_weighted_avg = integral / covered_seconds; min_value /
        max_value = extremes of the line (at samples inside the bucket or at the covered
        part's ends); sample_count = samples inside the bucket; covered_seconds. A bucket's
        opening value therefore comes from the samples around its start, including the last
        one before it. Null values are ignored. Longer than the ~60-line guide: the per-bucket
        integral and the sample counts are two short steps joined on every partition column. -#}
    {%- set partition_sql = partition_by | join(', ') -%}
    {%- set bucket_end = 'bucket_start + interval 1 ' ~ grain -%}
    with

    tw_segments as (
        {{ iot_facts.interpolated_segments(
            relation, partition_by, time_column, value_column, upper_bound
        ) | indent(8) }}
    ),

    tw_pieces as (
        {{ iot_facts.split_intervals('tw_segments', grain) | indent(8) }}
    ),

    tw_piece_values as (
        -- the line's value where each piece starts (a) and ends (b)
        select
            {{ partition_sql }},
            bucket_start,
            bucket_seconds,
            bucket_milliseconds,
            {%- for bound, at in [('a', 'greatest(valid_from, bucket_start)'),
                                  ('b', 'least(valid_to, ' ~ bucket_end ~ ')')] %}
            start_value + (end_value - start_value)
            * {{ iot_facts.date_diff_units('millisecond', 'valid_from', at) }}
            / {{ iot_facts.date_diff_units('millisecond', 'valid_from', 'valid_to') }} as value_{{ bound }}
            {{- "," if not loop.last }}
            {%- endfor %}
        from tw_pieces
    ),

    tw_buckets as (
        select
            {{ partition_sql }},
            bucket_start,
            sum(bucket_milliseconds) / 1e3 as covered_seconds,
            sum((value_a + value_b) / 2 * bucket_seconds) as integral,
            min(least(value_a, value_b)) as min_value,
            max(greatest(value_a, value_b)) as max_value
        from tw_piece_values
        group by all
    ),

    tw_counts as (
        select
            {{ partition_sql }},
            date_trunc('{{ grain }}', {{ time_column }}) as bucket_start,
            count(*) as sample_count,
            -- a sample tying with another is a zero-length step of the line, so no segment
            -- carries it: the extremes take the samples themselves too (up to the bound)
            min({{ value_column }}) filter (where {{ time_column }} <= {{ upper_bound }})
                as sample_min,
            max({{ value_column }}) filter (where {{ time_column }} <= {{ upper_bound }})
                as sample_max
        from {{ relation }}
        where {{ value_column }} is not null and {{ time_column }} is not null
        group by all
    )

    select
        {%- for p in partition_by %}
        tw_buckets.{{ p }},
        {%- endfor %}
        tw_buckets.bucket_start,
        tw_buckets.integral / tw_buckets.covered_seconds as time_weighted_avg,
        least(tw_buckets.min_value, tw_counts.sample_min) as min_value,
        greatest(tw_buckets.max_value, tw_counts.sample_max) as max_value,
        coalesce(tw_counts.sample_count, 0) as sample_count,
        tw_buckets.covered_seconds
    from tw_buckets
    left join tw_counts
        on
            {%- for p in partition_by %}
            tw_buckets.{{ p }} = tw_counts.{{ p }} and
            {%- endfor %}
            tw_buckets.bucket_start = tw_counts.bucket_start
{%- endmacro %}
