{% macro staged_landing_rows(
    source_name, table_name, template, manifest_columns=[], files=none
) -%}
    {#- Every row of a landing source with all columns of `template` (a zero-row relation with
        the expected columns, typed or NULL) present: the files, when any exist, unioned BY NAME
        with the template; only the template otherwise. Only files that this run's manifest
        snapshot (stg_loader__manifest_files, a table built first) lists as staged `ok` are
        read: a file the loader placed after the snapshot, one it never recorded (a killed run;
        int_landing_files_unrecorded reports those) or one named outside the export layout
        (`unknown_entity`) is not, so the high-water mark stored on incremental facts is exactly
        what staging read. The manifest is joined on the file path after the files are read (a
        small table: a hash join); each of `manifest_columns` (what the loader parsed from the
        key, e.g. window_start, organization_id) is carried as file_<column>. local_path is
        unique among `ok` rows (the key, or for a converted object the key + .parquet, which the
        loader refuses when it would overwrite a listed object), so no row is repeated. With
        `files` (a list of local paths, from the incremental staging models), only those files
        are opened: a literal list, so DuckDB reads nothing else. -#}
    select
        files.*
        {%- for column in manifest_columns %},
        manifest.{{ column }} as file_{{ column }}
        {%- endfor %}
    from (
        {% if files is not none and files | length > 0 -%}
        {{ union_all_by_name([
            'select * from ' ~ landing_source_files(source_name, table_name, files), template
        ]) | indent(8) }}
        {% elif files is none and landing_source_has_files(source_name, table_name) -%}
        {{ union_all_by_name([
            'select * from ' ~ landing_source(source_name, table_name), template
        ]) | indent(8) }}
        {% else -%}
        {{ template | indent(8) }}
        {% endif -%}
    ) as files
    inner join {{ ref('stg_loader__manifest_files') }} as manifest
        on replace(files.filename, '{{ landing_root() }}/', '') = manifest.local_path
    where manifest.status = 'ok'
{%- endmacro %}
