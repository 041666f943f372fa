with

cases as (
    select 'v1' as case_id, 1.0::double as left_value, 1.0::double as right_value
    union all select 'v2', null, null
    union all select 'v3', 1.0, null -- one side missing
    union all select 'v4', 1000000.0, 1000000.5
    union all select 'v5', 1000.0, 1000.01
    union all select 'v6', 0.0, 1e-10
    union all select 'v7', 0.0, 1e-8
    union all select 'v8', -5.0, -5.000001
)

select
    case_id,
    {{ iot_facts.sitewise_values_agree('left_value', 'right_value', 1e-6) }} as values_agree
from cases
