{#- Helsinki, 8-17, Monday-Friday; winter (UTC+2) and summer (UTC+3) time. -#}
with

cases as (
    select 'b1' as case_id, timestamp '2024-03-29 05:00:00' as hour_start -- Fri 07 local
    union all select 'b2', timestamp '2024-03-29 06:00:00' -- Fri 08
    union all select 'b3', timestamp '2024-03-29 14:00:00' -- Fri 16
    union all select 'b4', timestamp '2024-03-29 15:00:00' -- Fri 17
    union all select 'b5', timestamp '2024-04-01 05:00:00' -- Mon 08 (summer time)
    union all select 'b6', timestamp '2024-04-01 04:00:00' -- Mon 07
    union all select 'b7', timestamp '2024-04-01 13:00:00' -- Mon 16
    union all select 'b8', timestamp '2024-04-01 14:00:00' -- Mon 17
    union all select 'b9', timestamp '2024-03-30 10:00:00' -- Sat 12
    union all select 'b10', timestamp '2024-03-29 22:00:00' -- Sat 00 (Fri in UTC)
    union all select 'b11', timestamp '2024-03-31 21:00:00' -- Mon 00 (Sun in UTC)
    union all select 'b12', timestamp '2024-03-31 06:00:00' -- Sun 09
)

select
    case_id,
    {{ iot_facts.is_business_hour('hour_start') }} as is_business_hour
from cases
