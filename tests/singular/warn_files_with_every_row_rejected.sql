{{ config(severity='warn') }}
-- A delivered file none of whose rows could be staged (e.g. a required column is missing, or
-- an IoT Core object of bad lines only): every row is in its format's rejects with the reason,
-- but the file adds nothing.
with

rejected as (
    select source_file, reject_reason from {{ ref('stg_haltian__measurement_rejects') }}
    union all
    select source_file, reject_reason from {{ ref('stg_sitewise__value_rejects') }}
    union all
    select source_file, reject_reason from {{ ref('stg_iot_core__breadcrumb_rejects') }}
),

rejected_files as (
    select source_file, any_value(reject_reason) as example_reason, count(*) as rejected_rows
    from rejected
    group by source_file
),

delivered as (
    select local_path, row_count
    from {{ ref('stg_loader__manifest_files') }}
    where status = 'ok'
)

select rejected_files.source_file, rejected_files.rejected_rows, rejected_files.example_reason
from rejected_files
inner join delivered on rejected_files.source_file = delivered.local_path
where rejected_files.rejected_rows = delivered.row_count
