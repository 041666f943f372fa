select * from device_status
