{{ config(
    materialized='incremental',
    incremental_strategy='device_rebuild',
    on_schema_change='fail',
    pre_hook="{{ delete_unverified_state_devices('stg_haltian__occupancy_status_measurements', 'occupancy_status') }}",
) }}

{{ placed_state_intervals('stg_haltian__occupancy_status_measurements', 'occupancy_status', ['is_occupied']) }}
