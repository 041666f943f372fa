{{ entity_versions('stg_haltian__device_notes', 'device_notes') }}
