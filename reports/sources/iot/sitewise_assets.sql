select * from sitewise_assets
