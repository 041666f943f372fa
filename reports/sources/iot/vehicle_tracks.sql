select * from vehicle_tracks
