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
