select * from m_meeting_rooms
