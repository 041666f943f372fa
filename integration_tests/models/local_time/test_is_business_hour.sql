{#- Helsinki, 8-17, Monday-Friday; winter (UTC+2) and summer (UTC+3) time. -#}
with

cases as (
    select cases.case_id, cases.hour_start
    from (values
        ('b1', timestamp '2024-03-29 05:00:00'), -- Fri 07 local
        ('b2', timestamp '2024-03-29 06:00:00'), -- Fri 08
        ('b3', timestamp '2024-03-29 14:00:00'), -- Fri 16
        ('b4', timestamp '2024-03-29 15:00:00'), -- Fri 17
        ('b5', timestamp '2024-04-01 05:00:00'), -- Mon 08 (summer time)
        ('b6', timestamp '2024-04-01 04:00:00'), -- Mon 07
        ('b7', timestamp '2024-04-01 13:00:00'), -- Mon 16
        ('b8', timestamp '2024-04-01 14:00:00'), -- Mon 17
        ('b9', timestamp '2024-03-30 10:00:00'), -- Sat 12
        ('b10', timestamp '2024-03-29 22:00:00'), -- Sat 00 (Fri in UTC)
        ('b11', timestamp '2024-03-31 21:00:00'), -- Mon 00 (Sun in UTC)
        ('b12', timestamp '2024-03-31 06:00:00') -- Sun 09
    ) as cases (case_id, hour_start)
)

select
    case_id,
    {{ iot_facts.is_business_hour('hour_start') }} as is_business_hour
from cases
