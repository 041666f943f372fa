{{ state_intervals('stg_haltian__occupants_count_measurements', 'occupants_count', ['occupants_count']) }}
