{{ current_entity('stg_haltian__device_keywords', 'device_keywords') }}
