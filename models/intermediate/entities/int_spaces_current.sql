{{ current_entity('stg_haltian__spaces', 'spaces') }}
