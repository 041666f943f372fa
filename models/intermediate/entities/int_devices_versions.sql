{{ entity_versions('stg_haltian__devices', 'devices') }}
