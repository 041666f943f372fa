-- depends_on: {{ ref('stg_loader__manifest_files') }}
{%- set rank_keys = ['series_id', 'resolution', 'quality', 'period_start'] %}
{{ config(
    materialized='incremental',
    incremental_strategy='landing_rows',
    landing_dataset='sitewise_agg',
    rank_keys=rank_keys,
    on_schema_change='fail',
) }}

{%- set template -%}
select
    null::string as {{ adapter.quote('seriesId') }},
    null::bigint as {{ adapter.quote('timeInSeconds') }},
    null::bigint as {{ adapter.quote('offsetInNanos') }},
    null::string as quality,
    null::string as resolution,
    null::double as {{ adapter.quote('count') }},
    null::double as average,
    null::double as {{ adapter.quote('min') }},
    null::double as {{ adapter.quote('max') }},
    null::double as {{ adapter.quote('sum') }},
    null::bigint as {{ adapter.quote('recordVersion') }},
    null::string as filename,
    null::bigint as file_row_number
where false
{%- endset %}

with

source as (
    {{ staged_landing_rows(
        'sitewise', 'agg', template, manifest_columns=['window_start'],
        files=landing_new_files('sitewise_agg') if is_incremental() else none
    ) | indent(4) }}
),

renamed as (
    select
        replace(filename, '{{ landing_root() }}/', '') as source_file,
        file_row_number as source_row_number,
        seriesid as series_id,
        {{ sitewise_series_part(adapter.quote('seriesId'), 1) }} as asset_id,
        {{ sitewise_series_part(adapter.quote('seriesId'), 2) }} as property_id,
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
        {{ sitewise_epoch_time(
            adapter.quote('timeInSeconds'), adapter.quote('offsetInNanos')
        ) }} as period_start,
        -- the window start the loader parsed from the file name (six hours from there)
        file_window_start
    from source
),

checked as (
    select
        *,
        case
            {{ sitewise_record_problem('period_start') | indent(12) }}
            when resolution is null then 'missing resolution'
            when resolution not in ('PT1M', 'PT15M', 'PT1H', 'P1D')
                then 'unknown resolution: ' || resolution
            when point_count is null then 'missing count'
        end as reject_reason
    from renamed
),

final as (
    {{ sitewise_ranked_rows('checked', 'sitewise_agg', rank_keys, 'period_start') | indent(4) }}
)

select * from final
