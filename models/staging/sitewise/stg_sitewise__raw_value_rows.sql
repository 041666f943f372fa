-- depends_on: {{ ref('stg_loader__manifest_files') }}
{%- set rank_keys = ['series_id', 'measured_at'] %}
{{ config(
    materialized='incremental',
    incremental_strategy='landing_rows',
    landing_dataset='sitewise_raw',
    rank_keys=rank_keys,
    on_schema_change='fail',
) }}

{%- set template -%}
select
    null::string as {{ adapter.quote('seriesId') }},
    null::bigint as {{ adapter.quote('timeInSeconds') }},
    null::bigint as {{ adapter.quote('offsetInNanos') }},
    null::string as quality,
    null::double as {{ adapter.quote('doubleValue') }},
    null::string as {{ adapter.quote('stringValue') }},
    null::bigint as {{ adapter.quote('integerValue') }},
    null::boolean as {{ adapter.quote('booleanValue') }},
    null::string as {{ adapter.quote('jsonValue') }},
    null::bigint as {{ adapter.quote('recordVersion') }},
    null::string as filename,
    null::bigint as file_row_number
where false
{%- endset %}

with

source as (
    {{ staged_landing_rows(
        'sitewise', 'raw', template, manifest_columns=['window_start'],
        files=landing_new_files('sitewise_raw') if is_incremental() else none
    ) | indent(4) }}
),

renamed as (
    select
        replace(filename, '{{ landing_root() }}/', '') as source_file,
        file_row_number as source_row_number,
        seriesid as series_id,
        {{ sitewise_series_part(adapter.quote('seriesId'), 1) }} as asset_id,
        {{ sitewise_series_part(adapter.quote('seriesId'), 2) }} as property_id,
        quality,
        doublevalue as double_value,
        integervalue as integer_value,
        booleanvalue as boolean_value,
        stringvalue as string_value,
        jsonvalue as json_value,
        recordversion as record_version,
        timeinseconds as time_in_seconds,
        offsetinnanos as offset_in_nanos,
        {{ sitewise_epoch_time(
            adapter.quote('timeInSeconds'), adapter.quote('offsetInNanos')
        ) }} as measured_at,
        -- the window start the loader parsed from the file name (six hours from there)
        file_window_start
    from source
),

checked as (
    select
        *,
        case
            {{ sitewise_record_problem('measured_at') | indent(12) }}
            when
                double_value is null
                and integer_value is null
                and boolean_value is null
                and string_value is null
                and json_value is null
                then 'no value'
            when not {{ iot_facts.is_finite('double_value') }} then 'non-finite doubleValue: ' || double_value
        end as reject_reason
    from renamed
),

final as (
    {{ sitewise_ranked_rows('checked', 'sitewise_raw', rank_keys, 'measured_at') | indent(4) }}
)

select * from final
