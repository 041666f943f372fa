select * from m_floor_hour_of_week
