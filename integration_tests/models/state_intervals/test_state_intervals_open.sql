{{ iot_facts.state_intervals('stg_fixture__state_events', 'fixture_open', ['is_occupied']) }}
