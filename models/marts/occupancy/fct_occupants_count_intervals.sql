{{ config(
    materialized='incremental',
    incremental_strategy='device_rebuild',
    on_schema_change='fail',
) }}

{{ placed_state_intervals('stg_haltian__occupants_count_measurements', 'occupants_count', ['occupants_count']) }}
