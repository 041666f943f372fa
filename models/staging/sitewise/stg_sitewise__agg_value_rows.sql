-- depends_on: {{ ref('stg_loader__manifest_files') }}
{{ config(materialized='table') }}

{%- set template -%}
select
    null::varchar as "seriesId",
    null::bigint as "timeInSeconds",
    null::bigint as "offsetInNanos",
    null::varchar as quality,
    null::varchar as resolution,
    null::double as "count",
    null::double as average,
    null::double as "min",
    null::double as "max",
    null::double as "sum",
    null::bigint as "recordVersion",
    null::varchar as filename,
    null::bigint as file_row_number
where false
{%- endset %}

with

source as (
    {{ staged_landing_rows('sitewise', 'agg', template) | indent(4) }}
),

renamed as (
    select
        replace(filename, '{{ landing_root() }}/', '') as source_file,
        file_row_number as source_row_number,
        seriesid as series_id,
        {{ sitewise_series_part('"seriesId"', 1) }} as asset_id,
        {{ sitewise_series_part('"seriesId"', 2) }} as property_id,
        resolution,
        quality,
        count as point_count,
        average as average_value,
        min as min_value,
        max as max_value,
        sum as sum_value,
        recordversion as record_version,
        timeinseconds as time_in_seconds,
        offsetinnanos as offset_in_nanos,
        {{ sitewise_epoch_time('"timeInSeconds"', '"offsetInNanos"') }} as period_start
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
            when resolution is null then 'missing resolution'
            when resolution not in ('PT1M', 'PT15M', 'PT1H', 'P1D')
                then 'unknown resolution: ' || resolution
            when point_count is null then 'missing count'
        end as reject_reason
    from renamed
),

ranked as (
    select
        *,
        case when reject_reason is null then row_number() over (
                    partition by reject_reason is null, series_id, resolution, quality, period_start
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
