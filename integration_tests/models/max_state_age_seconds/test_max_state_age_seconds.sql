{#- The var is {fixture_capped: 0.5} in this project's dbt_project.yml. -#}
{%- set capped = iot_facts.max_state_age_seconds('fixture_capped') -%}
{%- set uncapped = iot_facts.max_state_age_seconds('fixture_open') -%}
select
    caps.measurement_type,
    cast(caps.seconds as double) as seconds
from (values
    ('fixture_capped', {{ 'null' if capped is none else capped }}),
    ('fixture_open', {{ 'null' if uncapped is none else uncapped }})
) as caps (measurement_type, seconds)
