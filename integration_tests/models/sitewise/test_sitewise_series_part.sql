{#- p1 lowercase, p2 uppercase, p3 a single UUID, p4 a suffix, p5 null, p6 a short property. -#}
with

cases as (
    select cases.case_id, cases.series_id
    from (values
        ('p1', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_11111111-2222-3333-4444-555555555555'),
        ('p2', 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE_11111111-2222-3333-4444-555555555555'),
        ('p3', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'),
        ('p4', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_11111111-2222-3333-4444-555555555555_x'),
        ('p5', null),
        ('p6', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_1111')
    ) as cases (case_id, series_id)
)

select
    case_id,
    {{ iot_facts.sitewise_series_part('series_id', 1) }} as asset_id,
    {{ iot_facts.sitewise_series_part('series_id', 2) }} as property_id
from cases
