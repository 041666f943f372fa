select * from vehicle_latest
