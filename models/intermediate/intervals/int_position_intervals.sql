{{ state_intervals('stg_haltian__position_measurements', 'position', ['space_id']) }}
