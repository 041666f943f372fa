{{ config(severity='warn') }}
-- Objects the loader staged but dbt does not read: folders it does not know, or names outside
-- the export layout (the manifest's reason says which).
select object_key, reason
from {{ ref('stg_loader__manifest_files') }}
where status = 'unknown_entity'
