{{ placed_intervals('int_occupants_count_intervals', ['occupants_count']) }}
