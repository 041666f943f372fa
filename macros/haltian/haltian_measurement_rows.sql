{% macro haltian_measurement_rows(measurement_type, ranking='kept', files=none) -%}
    {#- Every row of one measurement type from both exporters, typed to canonical columns, with
        `reject_reason` (null when the row is valid) and, with ranking 'kept' (the default),
        `duplicate_rank` (1 = the kept copy of an event: v1 over legacy, then the file with the
        latest window end, then the values, then file and row), `kept_source_file` and
        `is_conflict`; ranking 'none' skips the rank, the costliest step. Feeds the rows tables
        (stg_haltian__<type>_measurement_rows), which staging, the rejects and the duplicates
        all read, so the three agree by construction. Only files the manifest snapshot lists as
        staged `ok` are read (see staged_landing_rows). Steps, per exporter family: its files
        (haltian_family_files), typed (haltian_measurement_typed), checked
        (haltian_measurement_checked); then both families unioned (haltian_measurement_unioned)
        and ranked (haltian_measurement_ranked).
        `files` ({family: [local paths]}) restricts the read to those files (incremental
        staging). -#}
    {%- set columns = measurement_value_columns(measurement_type) -%}
    {%- if execute and columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("unknown measurement type " ~ measurement_type) }}
    {%- endif -%}
    {%- set folder = columns[0]['folder'] if columns else 'unknown' -%}
    {%- set time_names = ['measuredAt', 'ts'] -%}
    {%- set families = haltian_families(columns) -%}
    with
    {% for family in families %}
    {%- set raw_names = ['deviceId', 'organizationId'] + time_names -%}
    {%- for c in columns %}{% do raw_names.extend(haltian_raw_names(c, family)) %}{% endfor %}
    {{ family }}_files as (
        {{ haltian_family_files(
            family, folder, raw_names, none if files is none else files.get(family, [])
        ) | indent(8) }}
    ),

    {{ family }}_typed as (
        {{ haltian_measurement_typed(family, columns, time_names, raw_names) | indent(8) }}
    ),

    {{ family }}_checked as (
        {{ haltian_measurement_checked(family, columns, time_names) | indent(8) }}
    ),
    {% endfor %}

    unioned as (
        {{ haltian_measurement_unioned(families, columns, time_names) | indent(8) }}
    ),

    ranked as (
        {{ haltian_measurement_ranked(columns, ranking) | indent(8) }}
    )

    select * from ranked
{%- endmacro %}
