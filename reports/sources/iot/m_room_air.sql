select * from m_room_air
