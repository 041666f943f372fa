select * from m_building_daily
