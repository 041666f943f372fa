with

cases as (
    select cases.case_id, cases.seconds, cases.nanos
    from (values
        ('w1', 1700000000, 0),
        ('w2', 1700000000, 123456789),
        ('w3', 1700000000, 999999999),
        ('w4', 1700000000, -1),
        ('w5', 1700000000, 1000000000),
        ('w6', -2208988800, 0), -- 1900-01-01 00:00:00
        ('w7', -2208988801, 999999999), -- 1899-12-31 23:59:59
        ('w8', 32503679999, 999999999), -- 2999-12-31 23:59:59
        ('w9', 32503680000, 0), -- 3000-01-01 00:00:00
        ('w10', null, 0)
    ) as cases (case_id, seconds, nanos)
)

select
    case_id,
    {{ iot_facts.sitewise_epoch_time('seconds', 'nanos') }} as measured_at
from cases
