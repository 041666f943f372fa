{{ state_intervals('stg_haltian__occupancy_status_measurements', 'occupancy_status', ['is_occupied']) }}
