{% macro haltian_measurement_typed(family, columns, time_names, raw_names) -%}
    {#- Step of haltian_measurement_rows: the rows of one exporter's files ({family}_files)
        typed to canonical columns, with the file's window and organization as the loader's
        manifest recorded them (the row's own organizationId first), and every raw column
        carried as "raw__{name}" for the checks and the raw record of rejects. -#}
    select
        '{{ family }}' as exporter,
        {{ 0 if family == 'v1' else 1 }} as exporter_preference,
        replace(raw.filename, '{{ landing_root() }}/', '') as source_file,
        raw.file_row_number as source_row_number,
        raw.file_window_start,
        raw.file_window_end,
        coalesce(
            {{ typed_value('varchar', 'raw.' ~ adapter.quote('organizationId')) }}, raw.file_organization_id
        ) as organization_id,
        nullif(trim({{ typed_value('varchar', 'raw.' ~ adapter.quote('deviceId')) }}), '') as device_id,
        {{ coalesce_typed('timestamp', time_names) }} as measured_at,
        {%- for c in columns %}
        {{ coalesce_typed(c['data_type'], haltian_raw_names(c, family)) }} as {{ c['value_name'] }},
        {%- endfor %}
        {%- for name in raw_names | unique %}
        raw.{{ adapter.quote(name) }} as {{ adapter.quote('raw__' ~ name) }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ family }}_files as raw
{%- endmacro %}
