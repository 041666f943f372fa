select * from m_speeding
