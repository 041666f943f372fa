-- depends_on: {{ ref('measurement_types') }}
{{ config(materialized='table', tags=['nightly']) }}
{{ haltian_measurement_audit('rejects') }}
