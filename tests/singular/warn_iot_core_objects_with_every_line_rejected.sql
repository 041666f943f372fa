{{ config(severity='warn') }}
-- A delivered IoT Core object none of whose lines made a breadcrumb (bad lines only, or events
-- that are all rejected): each is in stg_iot_core__breadcrumb_rejects with its reason. Reads
-- only IoT Core models, so a build selecting another format's models never runs it alone.
with

event_rows as (
    select source_file, count(*) as object_rows
    from {{ ref('stg_iot_core__event_rows') }}
    group by source_file
),

rejected as (
    select source_file, count(*) as rejected_rows, any_value(reject_reason) as example_reason
    from {{ ref('stg_iot_core__breadcrumb_rejects') }}
    group by source_file
)

select rejected.source_file, rejected.rejected_rows, rejected.example_reason
from rejected
inner join event_rows on rejected.source_file = event_rows.source_file
where rejected.rejected_rows = event_rows.object_rows
