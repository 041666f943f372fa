-- depends_on: {{ ref('stg_loader__manifest_files') }}
{%- set template -%}
select
    null::varchar as "assetId",
    null::varchar as "assetName",
    null::varchar as "assetModelId",
    null::varchar as "assetModelName",
    null::varchar as "assetPropertyId",
    null::varchar as "assetPropertyName",
    null::varchar as "assetPropertyDataType",
    null::varchar as "assetPropertyUnit",
    null::varchar as "assetPropertyAlias",
    null::varchar as "timeSeriesId",
    null::varchar as "timeSeriesBucket",
    null::varchar as "assetArn",
    null::varchar as "assetCompositeModelDescription",
    null::varchar as "assetCompositeModelName",
    null::varchar as "assetCompositeModelType",
    null::bigint as "assetCreationDate",
    null::bigint as "assetLastUpdateDate",
    null::varchar as "assetStatusErrorCode",
    null::varchar as "assetStatusErrorMessage",
    null::varchar as "assetStatusState",
    null::varchar as filename,
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
