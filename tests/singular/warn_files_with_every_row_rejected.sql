{{ config(severity='warn') }}
-- A delivered file none of whose rows could be staged (e.g. a required column is missing):
-- every row is in stg_haltian__measurement_rejects with its reason, but the file adds nothing.
with

rejected as (
    select source_file, any_value(reject_reason) as example_reason, count(*) as rejected_rows
    from {{ ref('stg_haltian__measurement_rejects') }}
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
