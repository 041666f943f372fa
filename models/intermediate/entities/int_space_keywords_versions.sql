{{ entity_versions('stg_haltian__space_keywords', 'space_keywords') }}
