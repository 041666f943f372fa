{{ config(severity='warn') }}
-- Copies of one event (same device, time and key) whose values disagree: staging keeps the
-- documented winner (v1, then the latest export window); these are the losing readings.
select measurement_type, device_id, measured_at, source_file, kept_source_file
from {{ ref('stg_haltian__measurement_duplicates') }}
where is_conflict
