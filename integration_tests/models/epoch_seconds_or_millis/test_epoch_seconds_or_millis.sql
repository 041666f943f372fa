{#- The epoch as a double, as staging passes it (try_cast of a JSON number). -#}
with

cases as (
    select cases.case_id, cast(cases.epoch as double) as epoch
    from (values
        ('e1', 0),
        ('e2', 1700000000),
        ('e3', 1700000000.5),
        ('e4', 99999999999), -- the last second: the year 5138
        ('e5', 1e11), -- the first millisecond value: March 1973
        ('e6', 1700000000123),
        ('e7', 99999999999999),
        ('e8', 1e14), -- microseconds
        ('e9', -1),
        ('e10', null),
        ('e11', 1700000000123456)
    ) as cases (case_id, epoch)
)

select
    case_id,
    {{ iot_facts.epoch_seconds_or_millis('epoch') }} as converted_at
from cases
