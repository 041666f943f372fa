select * from m_room_co2_exceedance
