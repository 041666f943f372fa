{{ config(
    materialized='incremental',
    incremental_strategy='device_rebuild',
    on_schema_change='fail',
    pre_hook="{{ delete_unverified_state_devices('stg_haltian__occupants_count_measurements', 'occupants_count') }}",
) }}

{{ placed_state_intervals('stg_haltian__occupants_count_measurements', 'occupants_count', ['occupants_count']) }}
