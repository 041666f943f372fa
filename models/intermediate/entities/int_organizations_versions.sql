{{ entity_versions('stg_haltian__organizations', 'organizations') }}
