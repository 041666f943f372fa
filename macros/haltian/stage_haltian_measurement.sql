{% macro stage_haltian_measurement(measurement_type) -%}
    {#- The staging model of one measurement type: valid, de-duplicated events only. -#}
    {%- set columns = measurement_value_columns(measurement_type) -%}
    with

    measurement_rows as (
        {{ haltian_measurement_rows(measurement_type) | indent(8) }}
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
