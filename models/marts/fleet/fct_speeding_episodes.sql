with

breadcrumbs as (
    select * from {{ ref('int_breadcrumbs_bounded') }}
),

episodes as (
    {{ threshold_episodes(
        'breadcrumbs',
        partition_by=['thing_name'],
        order_by='reported_at',
        value_column='speed_kmh',
        threshold=var('speeding_threshold_kmh'),
        min_seconds=var('speeding_min_seconds'),
        upper_bound='watermark'
    ) | indent(4) }}
),

final as (
    select
        thing_name,
        started_at,
        ended_at,
        duration_seconds,
        peak_value as max_speed_kmh,
        cast(event_count as integer) as event_count,
        is_open
    from episodes
)

select * from final
