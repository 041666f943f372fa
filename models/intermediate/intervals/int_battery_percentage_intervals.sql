{{ state_intervals('stg_haltian__battery_percentage_measurements', 'battery_percentage', ['battery_percentage']) }}
