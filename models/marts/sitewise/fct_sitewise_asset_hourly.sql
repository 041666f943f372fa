with

property_hourly as (
    select * from {{ ref('fct_sitewise_property_hourly') }}
),

series as (
    select * from {{ ref('int_sitewise_series') }}
),

ancestors as (
    select * from {{ ref('bridge_sitewise_asset_ancestors') }}
),

assets as (
    select * from {{ ref('dim_sitewise_assets') }}
),

named as (
    select
        property_hourly.*,
        series.property_name,
        series.unit
    from property_hourly
    inner join series on property_hourly.series_id = series.series_id
    where series.property_name is not null
),

rolled_up as (
    -- every asset gets the properties of its whole subtree (itself included), by name
    select
        ancestors.ancestor_asset_id as asset_id,
        named.property_name,
        named.hour_start,
        any_value(named.unit) as unit,
        sum(named.time_weighted_avg) as sum_time_weighted_avg,
        avg(named.time_weighted_avg) as avg_time_weighted_avg,
        min(named.min_value) as min_value,
        max(named.max_value) as max_value,
        cast(count(*) as integer) as series_count,
        cast(sum(named.sample_count) as integer) as sample_count
    from named
    inner join ancestors on named.asset_id = ancestors.descendant_asset_id
    group by all
),

final as (
    select
        rolled_up.*,
        -- in a broken tree (a cycle) an asset's subtree may hold its own ancestors
        assets.hierarchy_issue
    from rolled_up
    left join assets on rolled_up.asset_id = assets.asset_id
)

select * from final
