{{ placed_intervals('int_occupancy_status_intervals', ['is_occupied']) }}
