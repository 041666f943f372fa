{% macro haltian_measurement_columns(columns) -%}
    {#- The columns of haltian_measurement_rows before ranking (haltian_measurement_unioned), in
        order: the incremental batch unions new and stored rows by them. -#}
    {{- return(
        ['exporter', 'exporter_preference', 'source_file', 'source_row_number',
            'file_window_end', 'organization_id', 'device_id', 'measured_at']
        + columns | map(attribute='value_name') | list
        + ['reject_reason', 'raw_record']
    ) -}}
{%- endmacro %}
