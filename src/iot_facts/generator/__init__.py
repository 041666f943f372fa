"""Deterministic generator of realistic Haltian export trees (both exporters)."""
