{% macro landing_root() -%}
    {#- IOT_LANDING_DIR as an absolute path (relative values resolve against the project dir),
        so views keep working from any working directory. -#}
    {%- set configured = env_var('IOT_LANDING_DIR', 'data/landing') -%}
    {%- if configured.startswith('/') -%}
        {{- configured.rstrip('/') -}}
    {%- else -%}
        {{- (invocation_args_dict.get('project_dir') or '.').rstrip('/') ~ '/' ~ configured.rstrip('/') -}}
    {%- endif -%}
{%- endmacro %}


{% macro landing_source(source_name, table_name) -%}
    {#- source(), with a relative landing root in its read_parquet() path made absolute. -#}
    {%- set rendered = source(source_name, table_name) | string -%}
    {%- set configured = env_var('IOT_LANDING_DIR', 'data/landing').rstrip('/') -%}
    {%- if not configured.startswith('/') -%}
        {%- set rendered = rendered.replace("'" ~ configured ~ "/", "'" ~ landing_root() ~ "/") -%}
    {%- endif -%}
    {{- rendered -}}
{%- endmacro %}


{% macro landing_source_has_files(source_name, table_name) -%}
    {#- True when the source's file pattern matches at least one file. Checked at compile time,
        so a folder that does not exist yet gives an empty, typed staging model instead of an
        error. Unit tests override this macro. -#}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- set match = modules.re.search("read_parquet\('([^']+)'", landing_source(source_name, table_name)) -%}
    {%- if match is none -%}{{ return(true) }}{%- endif -%}
    {{ return(glob_has_files(match.group(1))) }}
{%- endmacro %}


{% macro glob_has_files(pattern) -%}
    {#- True when the file pattern matches at least one file (checked at compile time). -#}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- set result = run_query("select count(*) from glob('" ~ pattern ~ "')") -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}


{% macro staged_landing_rows(source_name, table_name, template, manifest_columns=[]) -%}
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
        loader refuses when it would overwrite a listed object), so no row is repeated. -#}
    select
        files.*
        {%- for column in manifest_columns %},
        manifest.{{ column }} as file_{{ column }}
        {%- endfor %}
    from (
        {% if landing_source_has_files(source_name, table_name) -%}
        select * from {{ landing_source(source_name, table_name) }}
        union all by name
        {% endif -%}
        {{ template | indent(8) }}
    ) as files
    inner join {{ ref('stg_loader__manifest_files') }} as manifest
        on replace(files.filename, '{{ landing_root() }}/', '') = manifest.local_path
    where manifest.status = 'ok'
{%- endmacro %}
