{#- Europe/Helsinki (the var) unless a zone is given; the session TimeZone is not UTC. -#}
with

cases as (
    select cases.case_id, cases.utc_at, cases.zone
    from (values
        ('l1', timestamp '2024-03-31 00:00:00', null),
        ('l2', timestamp '2024-03-31 01:00:00', null),
        ('l3', timestamp '2024-10-27 00:00:00', null),
        ('l4', timestamp '2024-10-27 01:00:00', null),
        ('l5', timestamp '2024-10-27 02:00:00', null),
        ('l6', timestamp '2024-03-10 06:00:00', 'America/New_York'),
        ('l7', timestamp '2024-03-10 07:00:00', 'America/New_York'),
        ('l8', timestamp '2024-01-01 12:34:56.789', 'UTC')
    ) as cases (case_id, utc_at, zone)
)

select
    case_id,
    case
        when zone is null then {{ iot_facts.to_local_time('utc_at') }}
        when zone = 'America/New_York'
            then {{ iot_facts.to_local_time('utc_at', 'America/New_York') }}
        when zone = 'UTC' then {{ iot_facts.to_local_time('utc_at', 'UTC') }}
    end as local_time
from cases
