{% macro split_intervals(relation, grain='hour', valid_from='valid_from', valid_to='valid_to') -%}
    {#- One row per interval and `grain` bucket (hour, day, ...) it overlaps, UTC:
        bucket_start, and bucket_seconds = the part of [valid_from, valid_to) inside
        [bucket_start, bucket_start + 1 grain), and bucket_milliseconds, the same as an exact
        integer. Aggregate bucket_milliseconds and divide once (sum(...) / 1e3): summing
        fractional seconds drifts (3600.0000000000005). Zero-length intervals produce no rows.
        All columns of `relation` are kept. -#}
    with

    split_buckets as (
        select
            *,
            {{ iot_facts.range_rows(
                "date_trunc('" ~ grain ~ "', " ~ valid_from ~ ")",
                valid_to,
                'interval 1 ' ~ grain
            ) }} as bucket_start
        from {{ relation }}
        where {{ valid_to }} > {{ valid_from }}
    ),

    split_pieces as (
        select
            *,
            {{ iot_facts.date_diff_units(
                'millisecond',
                'greatest(' ~ valid_from ~ ', bucket_start)',
                'least(' ~ valid_to ~ ', bucket_start + interval 1 ' ~ grain ~ ')'
            ) }} as bucket_milliseconds
        from split_buckets
    )

    select
        *,
        bucket_milliseconds / 1e3 as bucket_seconds
    from split_pieces
{%- endmacro %}
