{{ config(severity='warn') }}
-- Two events of one thing under the same shadow version that report different things: staging
-- keeps the Firehose copy (then the first in key order); these are the others.
select thing_name, shadow_version, reported_at, delivery_path, source_file, line_number
from {{ ref('stg_iot_core__breadcrumb_duplicates') }}
where is_conflict
