{#- The var is {fixture_capped: 0.5} in this project's dbt_project.yml. -#}
{%- set capped = iot_facts.max_state_age_seconds('fixture_capped') -%}
{%- set uncapped = iot_facts.max_state_age_seconds('fixture_open') -%}
select 'fixture_capped' as measurement_type, {{ 'null' if capped is none else capped }} as seconds
union all
select 'fixture_open', {{ 'null' if uncapped is none else uncapped }}
