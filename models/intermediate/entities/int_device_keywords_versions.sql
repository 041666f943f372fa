{{ entity_versions('stg_haltian__device_keywords', 'device_keywords') }}
