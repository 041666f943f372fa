{{ config(severity='warn') }}
-- A delivered SiteWise file none of whose records could be staged: every record is in
-- stg_sitewise__value_rejects with its reason, but the file adds nothing. Reads only SiteWise
-- models, so a build selecting another format's models never runs it without its tables.
with

value_rows as (
    select source_file, reject_reason from {{ ref('stg_sitewise__raw_value_rows') }}
    union all
    select source_file, reject_reason from {{ ref('stg_sitewise__agg_value_rows') }}
)

select
    source_file,
    count(*) as rejected_rows,
    any_value(reject_reason) as example_reason
from value_rows
group by source_file
having bool_and(reject_reason is not null)
