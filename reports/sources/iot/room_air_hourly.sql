select * from room_air_hourly
