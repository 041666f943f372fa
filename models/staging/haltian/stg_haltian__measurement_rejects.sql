-- depends_on: {{ ref('measurement_types') }}
-- depends_on: {{ ref('stg_loader__manifest_files') }}
{{ config(materialized='table', tags=['nightly']) }}
{{ haltian_measurement_audit('rejects') }}
