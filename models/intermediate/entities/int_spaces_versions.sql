{{ entity_versions('stg_haltian__spaces', 'spaces') }}
