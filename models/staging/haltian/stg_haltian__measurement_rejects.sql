-- depends_on: {{ ref('measurement_types') }}
{{ haltian_measurement_audit('rejects') }}
