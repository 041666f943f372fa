{#- Where each device was over time, as validity intervals [valid_from, valid_to).
    Precedence (first that applies to the device wins):
      1. position_zone events: the zone (and its space) the device reported being in;
      2. position events: the space the device reported being in;
      3. the v1 device snapshot's spaceId, plus a zone if a keyword names a zone on that space
         (or on a space that no longer exists);
      4. a keyword that names a zone (its space follows) or a space.
    Sources 3 and 4 are fixed installations from the latest snapshot, valid for all time
    (-infinity, infinity). -#}
with

zone_intervals as (
    select * from {{ ref('int_position_zone_intervals') }}
),

position_intervals as (
    select * from {{ ref('int_position_intervals') }}
),

devices as (
    select * from {{ ref('int_devices_current') }}
),

keywords as (
    select * from {{ ref('int_device_keywords_current') }}
),

zones as (
    select * from {{ ref('int_zones_current') }}
),

spaces as (
    select * from {{ ref('int_spaces_current') }}
),

from_zone_events as (
    select
        zone_intervals.device_id,
        zone_intervals.valid_from,
        zone_intervals.valid_to,
        zones.space_id,
        zone_intervals.zone_id,
        'position_zone' as placement_source
    from zone_intervals
    left join zones on zone_intervals.zone_id = zones.zone_id
),

from_position_events as (
    select
        device_id,
        valid_from,
        valid_to,
        space_id,
        null::varchar as zone_id,
        'position' as placement_source
    from position_intervals
    where device_id not in (select from_zone_events.device_id from from_zone_events)
),

keyword_zones as (
    select
        keywords.device_id,
        zones.zone_id,
        zones.space_id
    from keywords
    inner join zones on lower(keywords.keyword) = lower(zones.zone_name)
    qualify row_number() over (partition by keywords.device_id order by zones.zone_id) = 1
),

keyword_spaces as (
    select
        keywords.device_id,
        spaces.space_id
    from keywords
    inner join spaces on lower(keywords.keyword) = lower(spaces.space_name)
    qualify row_number() over (partition by keywords.device_id order by spaces.space_id) = 1
),

fixed as (
    select
        devices.device_id,
        timestamp '-infinity' as valid_from,
        timestamp 'infinity' as valid_to,
        coalesce(devices.space_id, keyword_zones.space_id, keyword_spaces.space_id) as space_id,
        case
            when
                devices.space_id is null
                or keyword_zones.space_id = devices.space_id
                -- a zone whose space is gone cannot contradict the device's space: keep it,
                -- so the zone keeps its own hours (dim_zones.is_space_missing flags it)
                or keyword_zones.space_id not in (select spaces.space_id from spaces)
                then keyword_zones.zone_id
        end as zone_id,
        case
            when devices.space_id is not null then 'device_space'
            when keyword_zones.zone_id is not null then 'keyword_zone'
            else 'keyword_space'
        end as placement_source
    from devices
    left join keyword_zones on devices.device_id = keyword_zones.device_id
    left join keyword_spaces on devices.device_id = keyword_spaces.device_id
    where
        devices.device_id not in (select from_zone_events.device_id from from_zone_events)
        and devices.device_id not in (
            select from_position_events.device_id from from_position_events
        )
        and coalesce(devices.space_id, keyword_zones.space_id, keyword_spaces.space_id) is not null
),

final as (
    select * from from_zone_events
    union all
    select * from from_position_events
    union all
    select * from fixed
)

select * from final
