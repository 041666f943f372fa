{{ state_intervals('stg_haltian__position_zone_measurements', 'position_zone', ['zone_id']) }}
