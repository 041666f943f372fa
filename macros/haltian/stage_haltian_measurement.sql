{% macro stage_haltian_measurement(measurement_type) -%}
    {#- The staging model of one measurement type: the valid, kept copy of every event from its
        rows table (stg_haltian__<type>_measurement_rows). -#}
    {%- set columns = measurement_value_columns(measurement_type) -%}
    with

    measurement_rows as (
        select * from {{ ref('stg_haltian__' ~ measurement_type ~ '_measurement_rows') }}
    ),

    final as (
        select
            device_id,
            measured_at,
            organization_id,
            {%- for c in columns %}
            {{ c['value_name'] }},
            {%- endfor %}
            exporter,
            source_file
        from measurement_rows
        where reject_reason is null and duplicate_rank = 1
    )

    select * from final
{%- endmacro %}
