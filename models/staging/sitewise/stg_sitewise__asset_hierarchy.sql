-- depends_on: {{ ref('stg_loader__manifest_files') }}
{%- set template -%}
select
    null::string as {{ adapter.quote('sourceAssetId') }},
    null::string as {{ adapter.quote('targetAssetId') }},
    null::string as {{ adapter.quote('hierarchyId') }},
    null::string as {{ adapter.quote('associationType') }},
    null::string as filename,
    null::bigint as file_row_number
where false
{%- endset %}

with

source as (
    {{ staged_landing_rows('sitewise', 'asset_hierarchy', template) | indent(4) }}
),

renamed as (
    select
        sourceassetid as parent_asset_id,
        targetassetid as child_asset_id,
        hierarchyid as hierarchy_id,
        associationtype as association_type,
        replace(filename, '{{ landing_root() }}/', '') as source_file
    from source
)

select * from renamed
