{{ current_entity('stg_haltian__device_groups', 'device_groups') }}
