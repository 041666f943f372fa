{{ current_entity('stg_haltian__devices', 'devices') }}
