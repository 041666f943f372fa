select * from device_health_daily
