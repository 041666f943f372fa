{#- the rejected record as JSON text, each column under its own name -#}
{%- set raw_fields = [
    'quality', 'double_value', 'integer_value', 'boolean_value', 'string_value', 'json_value',
    'record_version', 'time_in_seconds', 'offset_in_nanos',
] %}
{%- set agg_fields = [
    'quality', 'resolution', 'point_count', 'average_value', 'min_value', 'max_value',
    'sum_value', 'record_version', 'time_in_seconds', 'offset_in_nanos',
] %}

with

raw_rows as (
    select * from {{ ref('stg_sitewise__raw_value_rows') }}
),

agg_rows as (
    select * from {{ ref('stg_sitewise__agg_value_rows') }}
),

final as (
    select
        'sitewise_raw' as dataset,
        source_file,
        source_row_number,
        series_id,
        measured_at as value_at,
        reject_reason,
        {{ json_object_text(zip(raw_fields, raw_fields)) }} as raw_record
    from raw_rows
    where reject_reason is not null
    union all
    select
        'sitewise_agg' as dataset,
        source_file,
        source_row_number,
        series_id,
        period_start as value_at,
        reject_reason,
        {{ json_object_text(zip(agg_fields, agg_fields)) }} as raw_record
    from agg_rows
    where reject_reason is not null
)

select * from final
