{#- Staged breadcrumbs with the fleet's watermark: the end of the latest delivered Firehose hour
    folder (or the time its object was written, if earlier: manifest_file_watermark), or the
    latest direct object's event time if later (both delivery paths are one dataset in the
    manifest). -#}
with

breadcrumbs as (
    select * from {{ ref('stg_iot_core__breadcrumbs') }}
),

watermarks as (
    select * from {{ ref('int_measurement_watermarks') }}
    where measurement_type = 'iot_core'
),

final as (
    select
        breadcrumbs.*,
        watermarks.watermark
    from breadcrumbs
    cross join watermarks
)

select * from final
