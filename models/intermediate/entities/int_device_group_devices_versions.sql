{{ entity_versions('stg_haltian__device_group_devices', 'device_group_devices') }}
