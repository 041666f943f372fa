with

breadcrumbs as (
    select * from {{ ref('int_breadcrumbs_bounded') }}
    where latitude is not null
),

final as (
    select
        thing_name,
        reported_at,
        latitude,
        longitude,
        speed_kmh,
        heading,
        is_ignition_on,
        shadow_version,
        {{ iot_facts.date_diff_units('millisecond', 'reported_at', 'watermark') }} / 1e3 as age_seconds
    from breadcrumbs
    qualify row_number() over (
            partition by thing_name
            order by reported_at desc, shadow_version desc nulls last, event_key desc
        ) = 1
)

select * from final
