with

cases as (
    select 'w1' as case_id, 1700000000 as seconds, 0 as nanos
    union all select 'w2', 1700000000, 123456789
    union all select 'w3', 1700000000, 999999999
    union all select 'w4', 1700000000, -1
    union all select 'w5', 1700000000, 1000000000
    union all select 'w6', -2208988800, 0 -- 1900-01-01 00:00:00
    union all select 'w7', -2208988801, 999999999 -- 1899-12-31 23:59:59
    union all select 'w8', 32503679999, 999999999 -- 2999-12-31 23:59:59
    union all select 'w9', 32503680000, 0 -- 3000-01-01 00:00:00
    union all select 'w10', null, 0
)

select
    case_id,
    {{ iot_facts.sitewise_epoch_time('seconds', 'nanos') }} as measured_at
from cases
