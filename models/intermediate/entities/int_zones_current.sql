{{ current_entity('stg_haltian__zones', 'zones') }}
