{#- One row per behaviour of the portable macros (macros/cross_db/), each as text: the DuckDB
    forms. The Spark forms are checked by building the project on Spark and comparing every
    mart (tests/python/test_spark.py). -#}
with

events as (
    select
        event_values.device_id,
        event_values.seq,
        event_values.label
    from (values
        ('a', 1, 'x'),
        ('a', 2, null),
        ('a', 3, 'z'),
        ('b', 1, 'y')
    ) as event_values (device_id, seq, label)
),

aggregated as (
    select
        device_id,
        {{ iot_facts.arg_max_nonnull('label', 'seq') }} as last_label,
        {{ iot_facts.arg_min_nonnull('label', 'seq', "label != 'x'") }} as first_other_label,
        {{ iot_facts.sorted_distinct_list('label') }} as labels,
        {{ iot_facts.ordered_list('label', 'seq') }} as labels_in_order,
        {{ iot_facts.ordered_string_agg('label', "' / '", 'seq desc') }} as label_path
    from events
    group by device_id
),

hours as (
    select {{ iot_facts.range_rows(
        "timestamp '2026-12-06 00:00:00'", "timestamp '2026-12-06 02:30:00'", 'interval 1 hour'
    ) }} as hour_start
),

no_hours as (
    select {{ iot_facts.range_rows(
        "timestamp '2026-12-06 02:00:00'", "timestamp '2026-12-06 02:00:00'", 'interval 1 hour'
    ) }} as hour_start
),

positions as (
    select {{ iot_facts.unnest_with_position("['p', 'q']", 'item', 'position') }}
),

points as (
    select {{ iot_facts.unnest_values(["timestamp '2026-01-01'", "timestamp '2026-01-02'"]) }}
        as point
),

unioned as (
    {{ iot_facts.union_all_by_name(["select 1 as a, 'x' as b", "select 'y' as b"]) | indent(4) }}
),

json_documents as (
    select
        '{"a": {"b": [1, 2]}, "s": "x", "i": 95.0, "n": null}' as document,
        '"t":5,"t":1.7E9,"t":-3,"t":x' as stamps
),

final as (
    select
        'is_finite nan' as check_name,
        cast({{ iot_facts.is_finite("cast('nan' as double)") }} as varchar) as result
    union all
    select
        'is_finite inf' as check_name,
        cast({{ iot_facts.is_finite("cast('infinity' as double)") }} as varchar) as result
    union all
    select
        'is_finite 1.5' as check_name,
        cast({{ iot_facts.is_finite('cast(1.5 as double)') }} as varchar) as result
    union all
    select
        'date_diff_units second, boundaries crossed' as check_name,
        cast({{ iot_facts.date_diff_units(
            'second', "timestamp '2026-01-01 00:00:00.900'", "timestamp '2026-01-01 00:00:01.100'"
        ) }} as varchar) as result
    union all
    select
        'date_diff_units millisecond' as check_name,
        cast({{ iot_facts.date_diff_units(
            'millisecond', "timestamp '2026-01-01 00:00:00'", "timestamp '2026-01-01 00:01:00.250'"
        ) }} as varchar) as result
    union all
    select
        'range_rows' as check_name,
        cast(count(*) as varchar) || ' from ' || cast(min(hours.hour_start) as varchar) as result
    from hours
    union all
    select
        'range_rows empty' as check_name,
        cast(count(*) as varchar) as result
    from no_hours
    union all
    select
        'iso_weekday sunday' as check_name,
        cast({{ iot_facts.iso_weekday("date '2026-12-06'") }} as varchar) as result
    union all
    select
        'arg_max_nonnull skips null values' as check_name,
        aggregated.last_label as result
    from aggregated
    where aggregated.device_id = 'a'
    union all
    select
        'arg_min_nonnull with a filter' as check_name,
        aggregated.first_other_label as result
    from aggregated
    where aggregated.device_id = 'a'
    union all
    select
        'sorted_distinct_list' as check_name,
        array_to_string(aggregated.labels, ',') as result
    from aggregated
    where aggregated.device_id = 'a'
    union all
    select
        'ordered_list keeps nulls' as check_name,
        cast(len(aggregated.labels_in_order) as varchar) as result
    from aggregated
    where aggregated.device_id = 'a'
    union all
    select
        'ordered_string_agg' as check_name,
        aggregated.label_path as result
    from aggregated
    where aggregated.device_id = 'a'
    union all
    select
        'unnest_with_position' as check_name,
        string_agg(positions.item || positions.position, ',' order by positions.position) as result
    from positions
    union all
    select
        'unnest_values' as check_name,
        cast(count(*) as varchar) as result
    from points
    union all
    select
        'union_all_by_name' as check_name,
        string_agg(coalesce(cast(unioned.a as varchar), 'null') || unioned.b, ',' order by unioned.b) as result
    from unioned
    union all
    select
        'list_of, list_append_value, list_has' as check_name,
        cast({{ iot_facts.list_has(
            iot_facts.list_append_value(iot_facts.list_of("'s1'"), "'s2'"), "'s2'"
        ) }} as varchar) as result
    union all
    select
        'empty_string_list' as check_name,
        cast(len({{ iot_facts.empty_string_list() }}) as varchar) as result
    union all
    select
        'ts_neg_infinity < ts_infinity' as check_name,
        cast({{ iot_facts.ts_neg_infinity() }} < {{ iot_facts.ts_infinity() }} as varchar) as result
    union all
    select
        'seconds_interval' as check_name,
        cast(timestamp '2026-01-01 00:00:00' + {{ iot_facts.seconds_interval(90) }} as varchar) as result
    union all
    select
        'hash_of tells rows apart' as check_name,
        cast(count(distinct {{ iot_facts.hash_of(['events.device_id', 'events.seq']) }}) as varchar) as result
    from events
    union all
    select
        'json_object_text keeps nulls' as check_name,
        {{ iot_facts.json_object_text([('k', "'v'"), ('n', 'null')]) }} as result
    union all
    select
        'struct_of compares nulls' as check_name,
        cast(
            {{ iot_facts.struct_of(['seq', 'label']) }}
            is not distinct from {{ iot_facts.struct_of(['seq', 'label']) }} as varchar
        ) as result
    from events
    where events.label is null
    union all
    select
        'timestamp_from_micros' as check_name,
        cast({{ iot_facts.timestamp_from_micros('1764979200123456') }} as varchar) as result
    union all
    select
        'timestamp_from_micros before 1970' as check_name,
        cast({{ iot_facts.timestamp_from_micros('-1') }} as varchar) as result
    union all
    select
        'integer_divide rounds toward zero' as check_name,
        {{ iot_facts.integer_divide('7', '2') }} || ' ' || {{ iot_facts.integer_divide('-7', '2') }} as result
    union all
    select
        'time_bucket_seconds 15 min' as check_name,
        cast({{ iot_facts.time_bucket_seconds('900', "timestamp '2026-12-06 10:44:59.999'") }} as varchar)
            as result
    union all
    select
        'time_bucket_seconds day, at a bucket start' as check_name,
        cast({{ iot_facts.time_bucket_seconds('86400', "timestamp '2026-12-06 00:00:00'") }} as varchar)
            as result
    union all
    select
        'time_bucket_seconds before 1970' as check_name,
        cast({{ iot_facts.time_bucket_seconds('3600', "timestamp '1969-12-31 23:59:59'") }} as varchar)
            as result
    union all
    select
        'time_bucket_seconds length per row' as check_name,
        {{ iot_facts.ordered_string_agg(
            "cast(" ~ iot_facts.time_bucket_seconds('lengths.seconds', "timestamp '2026-12-06 10:44:00'")
            ~ " as varchar)", "' '", 'lengths.seconds'
        ) }} as result
    from (values (60), (900), (3600)) as lengths (seconds)
    union all
    select
        'json_extract_text object' as check_name,
        {{ iot_facts.json_extract_text('document', '$.a') }} as result
    from json_documents
    union all
    select
        'json_extract_text string, number, null, missing' as check_name,
        {%- for path in ['$.s', '$.i', '$.n', '$.missing'] %}
        coalesce({{ iot_facts.json_extract_text('document', path) }}, '-')
        {{- " || ' ' ||" if not loop.last }}
        {%- endfor %} as result
    from json_documents
    union all
    select
        'max_captured_number in any notation' as check_name,
        cast({{ iot_facts.max_captured_number('stamps', '"t":(-?[0-9]+(?:[.][0-9]+)?(?:[eE][+-]?[0-9]+)?)') }} as varchar) as result
    from json_documents
    union all
    select
        'max_captured_number without a match' as check_name,
        coalesce(
            cast({{ iot_facts.max_captured_number("'none'", '"t":(-?[0-9]+(?:[.][0-9]+)?(?:[eE][+-]?[0-9]+)?)') }} as varchar), 'null'
        ) as result
    union all
    select
        'number_text' as check_name,
        {{ iot_facts.ordered_string_agg(
            "coalesce(" ~ iot_facts.number_text('cast(numbers.number as double)') ~ ", 'null')",
            "' '",
            'numbers.position'
        ) }} as result
    from (values
        (1, '95.0'), (2, '95.5'), (3, '-0.25'), (4, '0'), (5, '60.1519322'),
        (6, '1.79117154e18'), (7, 'nan'), (8, 'infinity'), (9, '-infinity'), (10, null)
    ) as numbers (position, number)
    union all
    select
        'hadoop_glob_escape' as check_name,
        '{{ iot_facts.hadoop_glob_escape('/l/a{1,2}*?[x]\\y') }}' as result
    union all
    select
        'spark_hadoop_glob without depths' as check_name,
        '{{ iot_facts.spark_hadoop_glob('/l/**/*.parquet') }}' as result
    union all
    select
        'spark_hadoop_glob at depths' as check_name,
        '{{ iot_facts.spark_hadoop_glob('/l/**/x/*.parquet', [7, 4]) }}' || ' '
        || '{{ iot_facts.spark_hadoop_glob('/l/**/*.parquet', [2]) }}' as result
    union all
    select
        'spark_file_uri_path' as check_name,
        {{ iot_facts.spark_file_uri_path("'file:/l/a%20b+c%5B1%5D.parquet'") }} as result
)

select * from final
