{% test intervals_do_not_overlap(model, partition_by, valid_from='valid_from', valid_to='valid_to') %}
{#- Within a partition, no interval starts before the previous one ended (half-open). -#}
with ordered as (
    select
        {{ partition_by | join(', ') }},
        {{ valid_from }} as valid_from,
        {{ valid_to }} as valid_to,
        lead({{ valid_from }}) over (
            partition by {{ partition_by | join(', ') }} order by {{ valid_from }}, {{ valid_to }}
        ) as next_from
    from {{ model }}
)
select * from ordered where next_from < valid_to
{% endtest %}


{% test intervals_have_no_gaps(model, partition_by, valid_from='valid_from', valid_to='valid_to', unless=none) %}
{#- Within a partition, each interval ends exactly where the next begins (no holes between
    the first event and the last interval). `unless`: a boolean column that excuses a gap
    after that interval (e.g. is_capped when max_state_age cut it short). -#}
with ordered as (
    select
        *,
        lead({{ valid_from }}) over (
            partition by {{ partition_by | join(', ') }} order by {{ valid_from }}, {{ valid_to }}
        ) as next_from
    from {{ model }}
)
select * from ordered
where next_from is not null and next_from != {{ valid_to }}
{%- if unless %} and not {{ unless }}{% endif %}
{% endtest %}


{% test intervals_end_at_watermark(model, partition_by, measurement_type, valid_from='valid_from', valid_to='valid_to') %}
{#- The last interval of each partition is the open one and ends at the measurement type's
    watermark, or at its own start when that lies after the watermark (capped intervals may
    end earlier). -#}
with last_intervals as (
    select *
    from {{ model }}
    qualify row_number() over (
        partition by {{ partition_by | join(', ') }} order by {{ valid_from }} desc
    ) = 1
),
watermark as (
    select watermark from {{ ref('int_measurement_watermarks') }}
    where measurement_type = '{{ measurement_type }}'
)
select last_intervals.*
from last_intervals
cross join watermark
where
    not is_open
    or (not is_capped and {{ valid_to }} != greatest(watermark.watermark, {{ valid_from }}))
{% endtest %}


{% test interval_bounds_are_ordered(model, valid_from='valid_from', valid_to='valid_to', zero_length_allowed=false) %}
{#- valid_from < valid_to (or <= where zero-length intervals are explicitly allowed). -#}
select *
from {{ model }}
where
    {{ valid_from }} is null or {{ valid_to }} is null
    or {{ valid_to }} {{ '<' if zero_length_allowed else '<=' }} {{ valid_from }}
{% endtest %}


{% test hourly_seconds_match_intervals(model, intervals, partition_by, seconds_column, interval_filter='true') %}
{#- Splitting is exact: per partition, the hourly seconds add up to the summed durations of
    the intervals they were split from (to the millisecond). -#}
with hourly as (
    select {{ partition_by | join(', ') }}, sum({{ seconds_column }}) as hourly_seconds
    from {{ model }}
    group by all
),
source_intervals as (
    select {{ partition_by | join(', ') }}, sum(duration_seconds) as interval_seconds
    from {{ intervals }}
    where {{ interval_filter }}
    group by all
)
select *
from hourly
full outer join source_intervals using ({{ partition_by | join(', ') }})
where abs(coalesce(hourly_seconds, 0) - coalesce(interval_seconds, 0)) > 0.0005
{% endtest %}


{% test expression_is_true(model, expression, column_name=none) %}
{#- Every row satisfies `expression`. -#}
select * from {{ model }} where not ({{ expression }})
{% endtest %}


{% test rows_equal(model, compare_to, columns) %}
{#- `model` and `compare_to` hold the same rows (as multisets) on `columns`: e.g. an
    incrementally maintained fact and the full recompute it must equal. -#}
with
maintained as (select {{ columns | join(', ') }} from {{ model }}),
reference as (select {{ columns | join(', ') }} from {{ compare_to }}),
only_in_model as (select * from maintained except all select * from reference),
only_in_reference as (select * from reference except all select * from maintained)
select 'only in the model' as difference, * from only_in_model
union all
select 'only in compare_to' as difference, * from only_in_reference
{% endtest %}
