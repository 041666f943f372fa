{% macro time_weighted_by_grain(
    relation, partition_by, time_column, value_column, upper_bound, grain='hour'
) -%}
    {#- Time-weighted statistics of a sampled value per partition and `grain` bucket (UTC).

        The value is the straight line between consecutive samples (linear interpolation, as
        the Haltian docs recommend), constant after the last sample until `upper_bound` (the
        watermark), and undefined before the first sample. Per bucket, over its covered part:
        time_weighted_avg = integral / covered_seconds; min_value / max_value = extremes of the
        line (at samples inside the bucket or at the covered part's ends); sample_count =
        samples inside the bucket; covered_seconds. A bucket's opening value therefore comes
        from the samples around its start, including the last one before it. Samples tying on
        time are ordered by value, so the line jumps between them. Null values are ignored. -#}
    {%- set partition_sql = partition_by | join(', ') -%}
    with

    tw_samples as (
        select
            {{ partition_sql }},
            {{ time_column }} as sampled_at,
            {{ value_column }} as sample_value,
            {{ upper_bound }} as tw_upper_bound
        from {{ relation }}
        where {{ value_column }} is not null and {{ time_column }} is not null
    ),

    tw_linked as (
        select
            *,
            lead(sampled_at) over tw_window as next_at,
            lead(sample_value) over tw_window as next_value,
            -- nothing is known past the watermark: segments end there (or, for a sample
            -- after it, at the sample itself, with no length)
            greatest(tw_upper_bound, sampled_at) as tw_clip
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
    ),

    tw_segments as (
        select
            {{ partition_sql }},
            sampled_at as valid_from,
            tw_to as valid_to,
            sample_value as start_value,
            case
                -- after the last sample the value stays constant
                when next_at is null then sample_value
                when tw_to = next_at then next_value
                -- cut at the watermark: the line's value there
                else sample_value + (next_value - sample_value)
                    * date_diff('millisecond', sampled_at, tw_to)
                    / date_diff('millisecond', sampled_at, next_at)
            end as end_value
        from tw_bounded
    ),

    tw_pieces as (
        {{ split_intervals('tw_segments', grain) | indent(8) }}
    ),

    tw_piece_values as (
        select
            {{ partition_sql }},
            bucket_start,
            bucket_seconds,
            bucket_milliseconds,
            {%- for bound, at in [('a', 'greatest(valid_from, bucket_start)'),
                                  ('b', 'least(valid_to, bucket_start + interval 1 ' ~ grain ~ ')')] %}
            start_value + (end_value - start_value)
            * date_diff('millisecond', valid_from, {{ at }})
            / date_diff('millisecond', valid_from, valid_to) as value_{{ bound }}{{ "," if not loop.last }}
            {%- endfor %}
        from tw_pieces
    ),

    tw_counts as (
        select
            {{ partition_sql }},
            date_trunc('{{ grain }}', sampled_at) as bucket_start,
            count(*) as sample_count
        from tw_samples
        group by all
    ),

    tw_buckets as (
        select
            {{ partition_sql }},
            bucket_start,
            sum(bucket_milliseconds) / 1000.0 as covered_seconds,
            sum((value_a + value_b) / 2 * bucket_seconds) as integral,
            min(least(value_a, value_b)) as min_value,
            max(greatest(value_a, value_b)) as max_value
        from tw_piece_values
        group by all
    )

    select
        {%- for p in partition_by %}
        tw_buckets.{{ p }},
        {%- endfor %}
        tw_buckets.bucket_start,
        tw_buckets.integral / tw_buckets.covered_seconds as time_weighted_avg,
        tw_buckets.min_value,
        tw_buckets.max_value,
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
