-- depends_on: {{ ref('stg_loader__manifest_files') }}
{{ config(materialized='table') }}

{%- set template -%}
select
    null::varchar as "seriesId",
    null::bigint as "timeInSeconds",
    null::bigint as "offsetInNanos",
    null::varchar as quality,
    null::double as "doubleValue",
    null::varchar as "stringValue",
    null::bigint as "integerValue",
    null::boolean as "booleanValue",
    null::varchar as "jsonValue",
    null::bigint as "recordVersion",
    null::varchar as filename,
    null::bigint as file_row_number
where false
{%- endset %}

with

source as (
    {{ staged_landing_rows('sitewise', 'raw', template) | indent(4) }}
),

renamed as (
    select
        replace(filename, '{{ landing_root() }}/', '') as source_file,
        file_row_number as source_row_number,
        seriesid as series_id,
        {{ sitewise_series_part('"seriesId"', 1) }} as asset_id,
        {{ sitewise_series_part('"seriesId"', 2) }} as property_id,
        quality,
        doublevalue as double_value,
        integervalue as integer_value,
        booleanvalue as boolean_value,
        stringvalue as string_value,
        jsonvalue as json_value,
        recordversion as record_version,
        timeinseconds as time_in_seconds,
        offsetinnanos as offset_in_nanos,
        {{ sitewise_epoch_time('"timeInSeconds"', '"offsetInNanos"') }} as measured_at
    from source
),

checked as (
    select
        *,
        case
            when series_id is null then 'missing seriesId'
            when time_in_seconds is null then 'missing timeInSeconds'
            when offset_in_nanos is null or offset_in_nanos not between 0 and 999999999
                then 'offsetInNanos outside [0, 1e9): ' || coalesce(offset_in_nanos::varchar, 'null')
            when quality is null then 'missing quality'
            when quality not in ('GOOD', 'BAD', 'UNCERTAIN') then 'unknown quality: ' || quality
            when
                double_value is null
                and integer_value is null
                and boolean_value is null
                and string_value is null
                and json_value is null
                then 'no value'
            when not isfinite(double_value) then 'non-finite doubleValue: ' || double_value
        end as reject_reason
    from renamed
),

ranked as (
    select
        *,
        -- one point per series and time: the highest recordVersion (null lowest), then the
        -- later file window, then the later record
        case when reject_reason is null then row_number() over (
                    partition by reject_reason is null, series_id, measured_at
                    order by
                        record_version desc nulls last,
                        {{ sitewise_file_window_start('source_file') }} desc,
                        source_file desc,
                        source_row_number desc
                )
        end as version_rank
    from checked
)

select * from ranked
