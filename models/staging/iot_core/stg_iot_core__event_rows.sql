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
        -- the delivery path and window are the object's, recorded by the loader from its key
        manifest_files.entity as delivery_path,
        manifest_files.window_start as object_window_start,
        manifest_files.window_end as object_window_end,
        -- a direct object's key names its thing ({thingName}/ or thingname={thingName}/)
        case when manifest_files.entity = 'direct' then nullif(regexp_extract(
                    manifest_files.object_key, '(?:^|/)(?:thingname=)?([A-Za-z0-9_:-]+)/[0-9]{13}$', 1
                ), '')
        end as key_thing_name,
        source.event_json,
        source.raw_text,
        source.parse_error
    from source
    inner join manifest_files
        on replace(source.filename, '{{ landing_root() }}/', '') = manifest_files.local_path
)

select * from renamed
