-- depends_on: {{ ref('stg_loader__manifest_files') }}
{#- Incremental (strategy landing_rows, unranked): a run reads only the objects staged since
    the table's high-water mark and replaces the rows of re-delivered or no longer staged
    objects. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='landing_rows',
    landing_dataset='iot_core',
    rank_keys=[],
    on_schema_change='fail',
) }}

{%- set template -%}
select
    null::bigint as line_number,
    null::integer as object_in_line,
    null::string as event_json,
    null::string as raw_text,
    null::string as parse_error,
    null::string as filename,
    null::bigint as file_row_number
where false
{%- endset %}

with

source as (
    {{ staged_landing_rows(
        'iot_core', 'events', template,
        manifest_columns=['entity', 'window_start', 'window_end', 'object_key'],
        files=landing_new_files('iot_core') if is_incremental() else none
    ) | indent(4) }}
),

renamed as (
    select
        replace(filename, '{{ landing_root() }}/', '') as source_file,
        line_number,
        object_in_line,
        -- the delivery path and window are the object's, recorded by the loader from its key
        file_entity as delivery_path,
        file_window_start as object_window_start,
        file_window_end as object_window_end,
        -- a direct object's key names its thing ({thingName}/ or thingname={thingName}/)
        case when file_entity = 'direct' then nullif(regexp_extract(
                    file_object_key, '(?:^|/)(?:thingname=)?([A-Za-z0-9_:-]+)/[0-9]{13}$', 1
                ), '')
        end as key_thing_name,
        event_json,
        raw_text,
        parse_error,
        {{ manifest_loaded_through() }} as loaded_through_at
    from source
)

select * from renamed
