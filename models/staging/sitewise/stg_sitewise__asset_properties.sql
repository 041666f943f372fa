-- depends_on: {{ ref('stg_loader__manifest_files') }}
{%- set template -%}
select
    null::string as {{ adapter.quote('assetId') }},
    null::string as {{ adapter.quote('assetName') }},
    null::string as {{ adapter.quote('assetModelId') }},
    null::string as {{ adapter.quote('assetModelName') }},
    null::string as {{ adapter.quote('assetPropertyId') }},
    null::string as {{ adapter.quote('assetPropertyName') }},
    null::string as {{ adapter.quote('assetPropertyDataType') }},
    null::string as {{ adapter.quote('assetPropertyUnit') }},
    null::string as {{ adapter.quote('assetPropertyAlias') }},
    null::string as {{ adapter.quote('timeSeriesId') }},
    null::string as {{ adapter.quote('timeSeriesBucket') }},
    null::string as {{ adapter.quote('assetArn') }},
    null::string as {{ adapter.quote('assetCompositeModelDescription') }},
    null::string as {{ adapter.quote('assetCompositeModelName') }},
    null::string as {{ adapter.quote('assetCompositeModelType') }},
    null::bigint as {{ adapter.quote('assetCreationDate') }},
    null::bigint as {{ adapter.quote('assetLastUpdateDate') }},
    null::string as {{ adapter.quote('assetStatusErrorCode') }},
    null::string as {{ adapter.quote('assetStatusErrorMessage') }},
    null::string as {{ adapter.quote('assetStatusState') }},
    null::string as filename,
    null::bigint as file_row_number
where false
{%- endset %}

with

source as (
    {{ staged_landing_rows('sitewise', 'asset_metadata', template) | indent(4) }}
),

renamed as (
    select
        assetid as asset_id,
        assetpropertyid as property_id,
        timeseriesid as time_series_id,
        assetmodelid as asset_model_id,
        assetarn as asset_arn,
        assetname as asset_name,
        assetmodelname as asset_model_name,
        assetpropertyname as property_name,
        assetpropertydatatype as data_type,
        assetpropertyunit as unit,
        assetpropertyalias as property_alias,
        timeseriesbucket as time_series_bucket,
        assetcompositemodelname as composite_model_name,
        assetcompositemodeltype as composite_model_type,
        assetcompositemodeldescription as composite_model_description,
        assetstatusstate as asset_status,
        assetstatuserrorcode as asset_status_error_code,
        assetstatuserrormessage as asset_status_error_message,
        to_timestamp(assetcreationdate)::timestamp as asset_created_at,
        to_timestamp(assetlastupdatedate)::timestamp as asset_updated_at,
        replace(filename, '{{ landing_root() }}/', '') as source_file
    from source
)

select * from renamed
