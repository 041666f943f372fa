{% macro entity_versions(staging_model, entity) -%}
    {#- The SCD2 versions of a Haltian entity (snapshot_versions) over the snapshots that count
        (entity_snapshot_series). Keyed on the catalog's key columns; compared on every other
        catalog column except the ones that change without the entity changing
        (entity_version_noise_columns: timestamps of the row or of the device's last
        contact). Doubles are compared as float32, the legacy exporter's precision. Where a
        key's snapshot comes from the other exporter than its previous one, only the columns
        both exporters carry are compared. -#}
    {%- set columns = haltian_entity_columns(entity) -%}
    {%- set keys = [] -%}
    {%- set compared = [] -%}
    {%- set common = [] -%}
    {%- for c in columns -%}
        {%- set value = 'cast(' ~ c['column_name'] ~ ' as float)' if c['data_type'] == 'double'
            else c['column_name'] -%}
        {%- if c['is_key'] -%}
            {%- do keys.append(c['column_name']) -%}
        {%- elif c['column_name'] not in iot_facts.entity_version_noise_columns() -%}
            {%- do compared.append(value) -%}
            {%- if c['legacy_column'] and c['v1_column'] -%}
                {%- do common.append(value) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    with

    snapshot_series as (
        {{ iot_facts.entity_snapshot_series(entity) | indent(8) }}
    ),

    snapshot_rows as (
        select
            snapshot_series.snapshot_seq,
            entity_rows.* {{ iot_facts.exclude_keyword() }} (snapshot_at, source_file)
        from {{ ref(staging_model) }} as entity_rows
        inner join snapshot_series
            on
                entity_rows.snapshot_at = snapshot_series.snapshot_at
                and entity_rows.exporter = snapshot_series.exporter
    ),

    versions as (
        {{ iot_facts.snapshot_versions(
            'snapshot_rows', 'snapshot_series', keys, compared,
            common_columns=common, source_column='exporter'
        ) | indent(8) }}
    )

    select * from versions
{%- endmacro %}
