-- depends_on: {{ ref('stg_loader__manifest_files') }}
{{ config(materialized='table') }}

{%- set template -%}
select
    null::bigint as line_number,
    null::integer as object_in_line,
    null::varchar as event_json,
    null::varchar as raw_text,
    null::varchar as parse_error,
    null::varchar as filename,
    null::bigint as file_row_number
where false
{%- endset %}

with

source as (
    {{ staged_landing_rows('iot_core', 'events', template) | indent(4) }}
),

manifest_files as (
    select * from {{ ref('stg_loader__manifest_files') }}
),

renamed as (
    select
        replace(source.filename, '{{ landing_root() }}/', '') as source_file,
        source.line_number,
        source.object_in_line,
        -- the delivery path is the object's, recorded by the loader from its key
        manifest_files.entity as delivery_path,
        source.event_json,
        source.raw_text,
        source.parse_error
    from source
    inner join manifest_files
        on replace(source.filename, '{{ landing_root() }}/', '') = manifest_files.local_path
)

select * from renamed
