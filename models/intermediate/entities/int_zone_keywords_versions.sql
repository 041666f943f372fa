{{ entity_versions('stg_haltian__zone_keywords', 'zone_keywords') }}
