-- depends_on: {{ ref('stg_loader__manifest_files') }}
{%- set template -%}
select
    null::string as "assetId",
    null::string as "assetName",
    null::string as "assetModelId",
    null::string as "assetModelName",
    null::string as "assetPropertyId",
    null::string as "assetPropertyName",
    null::string as "assetPropertyDataType",
    null::string as "assetPropertyUnit",
    null::string as "assetPropertyAlias",
    null::string as "timeSeriesId",
    null::string as "timeSeriesBucket",
    null::string as "assetArn",
    null::string as "assetCompositeModelDescription",
    null::string as "assetCompositeModelName",
    null::string as "assetCompositeModelType",
    null::bigint as "assetCreationDate",
    null::bigint as "assetLastUpdateDate",
    null::string as "assetStatusErrorCode",
    null::string as "assetStatusErrorMessage",
    null::string as "assetStatusState",
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
