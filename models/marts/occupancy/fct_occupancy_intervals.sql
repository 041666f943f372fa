{{ config(
    materialized='incremental',
    incremental_strategy='device_rebuild',
    on_schema_change='fail',
) }}

{{ placed_state_intervals('stg_haltian__occupancy_status_measurements', 'occupancy_status', ['is_occupied']) }}
