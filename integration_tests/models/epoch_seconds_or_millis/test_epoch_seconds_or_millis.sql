with

cases as (
    select 'e1' as case_id, 0::double as epoch
    union all select 'e2', 1700000000
    union all select 'e3', 1700000000.5
    union all select 'e4', 99999999999 -- the last second: year 5138
    union all select 'e5', 1e11 -- the first millisecond value: March 1973
    union all select 'e6', 1700000000123
    union all select 'e7', 99999999999999
    union all select 'e8', 1e14 -- microseconds
    union all select 'e9', -1
    union all select 'e10', null
    union all select 'e11', 1700000000123456
)

select
    case_id,
    {{ iot_facts.epoch_seconds_or_millis('epoch') }} as converted_at
from cases
