with

changes as (
    select * from {{ ref('rb_changes') }}
),

runs as (
    select * from {{ ref('rb_runs') }}
),

scope as (
    {{ iot_facts.recompute_from_run_before('changes', 'runs') | indent(4) }}
)

select * from scope
