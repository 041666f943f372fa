{% macro haltian_measurement_unioned(families, columns, time_names) -%}
    {#- Step of haltian_measurement_rows: the checked rows of every exporter family
        ({family}_checked) in one relation of canonical columns, with `raw_record`, the row's
        raw values as JSON, on rejected rows. -#}
    {% for family in families -%}
    select
        exporter,
        exporter_preference,
        source_file,
        source_row_number,
        file_window_end,
        organization_id,
        device_id,
        measured_at,
        {%- for c in columns %}
        {{ c['value_name'] }},
        {%- endfor %}
        reject_reason,
        {%- set raw_fields = [] %}
        {%- for name in (['deviceId', 'organizationId'] + time_names + (columns | map(attribute=family ~ '_column') | reject('none') | list)) | unique | list %}
        {%- do raw_fields.append((name, 'cast(' ~ adapter.quote('raw__' ~ name) ~ ' as string)')) %}
        {%- endfor %}
        case when reject_reason is not null then {{ json_object_text(raw_fields) }} end as raw_record
    from {{ family }}_checked
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
{%- endmacro %}
