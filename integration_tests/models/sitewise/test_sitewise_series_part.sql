with

cases as (
    select
        'p1' as case_id,
        'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_11111111-2222-3333-4444-555555555555' as series_id
    union all select
        'p2', 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE_11111111-2222-3333-4444-555555555555'
    union all select 'p3', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' -- a single UUID
    union all select
        'p4', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_11111111-2222-3333-4444-555555555555_x'
    union all select 'p5', null
    union all select 'p6', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_1111'
)

select
    case_id,
    {{ iot_facts.sitewise_series_part('series_id', 1) }} as asset_id,
    {{ iot_facts.sitewise_series_part('series_id', 2) }} as property_id
from cases
