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
        case when reject_reason is not null then to_json(struct_pack(
            {%- for name in (['deviceId', 'organizationId'] + time_names + (columns | map(attribute=family ~ '_column') | reject('none') | list)) | unique | list %}
            "{{ name }}" := cast("raw__{{ name }}" as varchar){{ "," if not loop.last }}
            {%- endfor %}
        ))::varchar end as raw_record
    from {{ family }}_checked
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
{%- endmacro %}
