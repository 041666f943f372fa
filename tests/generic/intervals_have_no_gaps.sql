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
