select * from people_flow_hourly
