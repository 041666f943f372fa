"""Stage Haltian S3 exports into a local landing directory: incremental, atomic, validated."""
