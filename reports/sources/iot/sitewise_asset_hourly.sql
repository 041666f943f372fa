select * from sitewise_asset_hourly
