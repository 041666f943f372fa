{{ entity_versions('stg_haltian__device_groups', 'device_groups') }}
