"""iot_facts: stage Haltian IoT Data API exports and model them with dbt + DuckDB."""

__version__ = "0.1.0"
