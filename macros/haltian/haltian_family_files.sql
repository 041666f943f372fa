{% macro haltian_family_files(family, folder, raw_names, files=none) -%}
    {#- Every row of one exporter's folder, with all known raw columns present (see
        staged_landing_rows) and what the loader's manifest recorded from the file's key:
        file_window_start, file_window_end and file_organization_id. With `files`, only
        those (see staged_landing_rows). -#}
    {{ staged_landing_rows(
        'haltian_' ~ family, folder, raw_columns_template(raw_names),
        manifest_columns=['window_start', 'window_end', 'organization_id'], files=files
    ) }}
{%- endmacro %}
