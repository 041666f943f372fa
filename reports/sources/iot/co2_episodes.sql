select * from co2_episodes
