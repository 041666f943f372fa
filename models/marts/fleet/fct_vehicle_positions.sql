{#- Every reported position of every vehicle: the tracks a map draws. -#}
with

breadcrumbs as (
    select * from {{ ref('int_breadcrumbs_bounded') }}
    where latitude is not null and longitude is not null
),

final as (
    select
        thing_name,
        event_key,
        reported_at,
        latitude,
        longitude,
        speed_kmh,
        is_ignition_on,
        temperature_c
    from breadcrumbs
)

select * from final
