-- Files on disk the manifest does not list are invisible to staging: their rows would be
-- missing from every fact without a word. Run the loader again: it adopts them.
select local_path, file_rows
from {{ ref('int_landing_files_unrecorded') }}
