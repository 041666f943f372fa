with

breadcrumbs as (
    select * from {{ ref('int_breadcrumbs_bounded') }}
    where is_ignition_on is not null
),

intervals as (
    {{ events_to_intervals(
        'breadcrumbs',
        partition_by=['thing_name'],
        order_by='reported_at',
        value_columns=['is_ignition_on'],
        upper_bound='watermark',
        tie_breakers=['shadow_version', 'event_key'],
        compress_runs=true
    ) | indent(4) }}
),

final as (
    select
        thing_name,
        valid_from,
        valid_to,
        is_ignition_on,
        duration_seconds,
        cast(event_count as integer) as event_count,
        is_open,
        is_capped
    from intervals
)

select * from final
