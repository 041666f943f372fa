with

cases as (
    select
        cases.case_id,
        cast(cases.left_value as double) as left_value,
        cast(cases.right_value as double) as right_value
    from (values
        ('v1', 1.0, 1.0),
        ('v2', null, null),
        ('v3', 1.0, null), -- one side missing
        ('v4', 1000000.0, 1000000.5),
        ('v5', 1000.0, 1000.01),
        ('v6', 0.0, 1e-10),
        ('v7', 0.0, 1e-8),
        ('v8', -5.0, -5.000001)
    ) as cases (case_id, left_value, right_value)
)

select
    case_id,
    {{ iot_facts.sitewise_values_agree('left_value', 'right_value', 1e-6) }} as values_agree
from cases
