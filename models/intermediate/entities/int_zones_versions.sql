{{ entity_versions('stg_haltian__zones', 'zones') }}
