{{ config(severity='warn') }}
-- A delivered SiteWise file or IoT Core object none of whose rows could be staged: every row is
-- in the rejects with its reason, but the file adds nothing. Kept apart from the Haltian twin
-- (warn_files_with_every_row_rejected) so that a build selecting one format's models runs the
-- test of that format without the others' tables.
with

rejected as (
    select source_file, any_value(reject_reason) as example_reason, count(*) as rejected_rows
    from {{ ref('stg_sitewise__value_rejects') }}
    group by source_file
    union all
    select source_file, any_value(reject_reason) as example_reason, count(*) as rejected_rows
    from {{ ref('stg_iot_core__breadcrumb_rejects') }}
    group by source_file
),

delivered as (
    select local_path, row_count
    from {{ ref('stg_loader__manifest_files') }}
    where status = 'ok'
)

select rejected.source_file, rejected.rejected_rows, rejected.example_reason
from rejected
inner join delivered on rejected.source_file = delivered.local_path
where rejected.rejected_rows = delivered.row_count
