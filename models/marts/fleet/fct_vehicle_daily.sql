with

breadcrumbs as (
    select * from {{ ref('stg_iot_core__breadcrumbs') }}
),

speeding as (
    select * from {{ ref('fct_speeding_episodes') }}
),

segments as (
    -- each segment between consecutive positions counts on the UTC date of its first point
    select
        thing_name,
        reported_at::date as activity_date,
        {{ haversine_km(
            'latitude', 'longitude',
            'lead(latitude) over next_position', 'lead(longitude) over next_position'
        ) | indent(8) }} as segment_km
    from breadcrumbs
    where latitude is not null
    window next_position as (
        partition by thing_name order by reported_at, shadow_version, event_key
    )
),

distances as (
    select
        thing_name,
        activity_date,
        coalesce(sum(segment_km), 0) as distance_km
    from segments
    group by all
),

events as (
    select
        thing_name,
        reported_at::date as activity_date,
        count(*) as event_count
    from breadcrumbs
    group by all
),

episodes as (
    select
        thing_name,
        started_at::date as activity_date,
        count(*) as speeding_episodes,
        sum(duration_seconds) as speeding_seconds
    from speeding
    group by all
),

final as (
    select
        events.thing_name,
        events.activity_date,
        coalesce(distances.distance_km, 0) as distance_km,
        (events.event_count)::integer as event_count,
        (coalesce(episodes.speeding_episodes, 0))::integer as speeding_episodes,
        coalesce(episodes.speeding_seconds, 0) as speeding_seconds
    from events
    left join distances
        on
            events.thing_name = distances.thing_name
            and events.activity_date = distances.activity_date
    left join episodes
        on
            events.thing_name = episodes.thing_name
            and events.activity_date = episodes.activity_date
)

select * from final
