with

series as (
    select * from {{ ref('sv_series') }}
),

snapshot_rows as (
    select * from {{ ref('sv_rows') }}
),

versions as (
    {{ iot_facts.snapshot_versions(
        'snapshot_rows', 'series', ['entity_id'], ['name', 'legacy_only'],
        common_columns=['name'], source_column='exporter'
    ) | indent(4) }}
)

select * from versions
