{#- The four metric resolutions SiteWise delivers, as an interval and in seconds (each period
    end computed from a start), and one it does not (null). -#}
with

cases as (
    select cases.case_id, cases.resolution
    from (values
        ('r1', 'PT1M'),
        ('r2', 'PT15M'),
        ('r3', 'PT1H'),
        ('r4', 'P1D'),
        ('r5', 'PT5M')
    ) as cases (case_id, resolution)
)

select
    case_id,
    timestamp '2026-12-06 23:00:00'
    + {{ iot_facts.sitewise_resolution_interval('resolution') }} as period_end,
    {{ iot_facts.sitewise_resolution_seconds('resolution') }} as period_seconds
from cases
