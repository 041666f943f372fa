select * from battery_forecast
