"""Knowledge of the Haltian IoT Data API export format (paths, schemas, catalog)."""
