select * from cold_chain_excursions
