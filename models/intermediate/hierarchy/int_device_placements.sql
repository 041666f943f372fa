{#- Where each device was over time, as validity intervals [valid_from, valid_to).
    Precedence (first that applies to the device wins):
      1. position_zone events: the zone (and its space) the device reported being in;
      2. position events: the space the device reported being in;
      3. the v1 device snapshot's spaceId, plus a zone if a keyword names a zone on that space
         (or on a space that no longer exists);
      4. a keyword that names a zone (its space follows) or a space.
    Sources 3 and 4 are fixed installations, as the device and keyword snapshots showed them
    over time (int_devices_versions, int_device_keywords_versions; keyword names are matched
    against the current zones and spaces): a move in a snapshot ends one placement and starts
    the next. The first fixed placement of a device also holds before its first snapshot
    (-infinity), and the last holds on (infinity) unless the device stayed but lost its
    placement. -#}
with

zone_intervals as (
    select * from {{ ref('int_position_zone_intervals') }}
),

position_intervals as (
    select * from {{ ref('int_position_intervals') }}
),

device_versions as (
    select * from {{ ref('int_devices_versions') }}
),

keyword_versions as (
    select * from {{ ref('int_device_keywords_versions') }}
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
        null::string as zone_id,
        'position' as placement_source
    from position_intervals
    where device_id not in (select from_zone_events.device_id from from_zone_events)
),

fixed_points as (
    -- a device's fixed placement can change only where its or its keywords' versions do
    select
        device_id,
        valid_from as point
    from device_versions
    union
    select
        device_id,
        coalesce(valid_to, {{ iot_facts.ts_infinity() }}) as point
    from device_versions
    union
    select
        device_id,
        valid_from as point
    from keyword_versions
    union
    select
        device_id,
        valid_to as point
    from keyword_versions
    where valid_to is not null
),

fixed_spans as (
    select
        fixed_points.device_id,
        fixed_points.point as span_from,
        lead(fixed_points.point) over (
            partition by fixed_points.device_id order by fixed_points.point
        ) as span_to
    from fixed_points
    where
        fixed_points.device_id not in (select from_zone_events.device_id from from_zone_events)
        and fixed_points.device_id not in (
            select from_position_events.device_id from from_position_events
        )
),

span_devices as (
    -- spans while the device exists, with its own spaceId then
    select
        fixed_spans.device_id,
        fixed_spans.span_from,
        fixed_spans.span_to,
        device_versions.space_id as device_space_id
    from fixed_spans
    inner join device_versions
        on
            fixed_spans.device_id = device_versions.device_id
            and fixed_spans.span_from >= device_versions.valid_from
            and fixed_spans.span_from
            < coalesce(device_versions.valid_to, {{ iot_facts.ts_infinity() }})
    where fixed_spans.span_to is not null
),

span_keywords as (
    select
        span_devices.device_id,
        span_devices.span_from,
        keyword_versions.keyword
    from span_devices
    inner join keyword_versions
        on
            span_devices.device_id = keyword_versions.device_id
            and span_devices.span_from >= keyword_versions.valid_from
            and span_devices.span_from
            < coalesce(keyword_versions.valid_to, {{ iot_facts.ts_infinity() }})
),

keyword_zones as (
    select
        span_keywords.device_id,
        span_keywords.span_from,
        zones.zone_id,
        zones.space_id
    from span_keywords
    inner join zones on lower(span_keywords.keyword) = lower(zones.zone_name)
    qualify
        row_number() over (
            partition by span_keywords.device_id, span_keywords.span_from
            order by zones.zone_id
        ) = 1
),

keyword_spaces as (
    select
        span_keywords.device_id,
        span_keywords.span_from,
        spaces.space_id
    from span_keywords
    inner join spaces on lower(span_keywords.keyword) = lower(spaces.space_name)
    qualify
        row_number() over (
            partition by span_keywords.device_id, span_keywords.span_from
            order by spaces.space_id
        ) = 1
),

fixed_pieces as (
    select
        span_devices.device_id,
        span_devices.span_from as valid_from,
        nullif(span_devices.span_to, {{ iot_facts.ts_infinity() }}) as valid_to,
        coalesce(
            span_devices.device_space_id, keyword_zones.space_id, keyword_spaces.space_id
        ) as space_id,
        case
            when
                span_devices.device_space_id is null
                or keyword_zones.space_id = span_devices.device_space_id
                -- a zone whose space is gone cannot contradict the device's space: keep it,
                -- so the zone keeps its own hours (dim_zones.is_space_missing flags it)
                or keyword_zones.space_id not in (select spaces.space_id from spaces)
                then keyword_zones.zone_id
        end as zone_id,
        case
            when span_devices.device_space_id is not null then 'device_space'
            when keyword_zones.zone_id is not null then 'keyword_zone'
            else 'keyword_space'
        end as placement_source,
        false as piece_is_deleted
    from span_devices
    left join keyword_zones
        on
            span_devices.device_id = keyword_zones.device_id
            and span_devices.span_from = keyword_zones.span_from
    left join keyword_spaces
        on
            span_devices.device_id = keyword_spaces.device_id
            and span_devices.span_from = keyword_spaces.span_from
    where
        coalesce(
            span_devices.device_space_id, keyword_zones.space_id, keyword_spaces.space_id
        ) is not null
),

fixed_versions as (
    {{ merge_history_pieces(
        'fixed_pieces', ['device_id'], ['space_id', 'zone_id', 'placement_source']
    ) | indent(4) }}
),

device_ends as (
    -- when each device was last listed (null: still listed)
    select
        device_id,
        max(coalesce(valid_to, {{ iot_facts.ts_infinity() }})) as listed_until
    from device_versions
    group by device_id
),

fixed as (
    select
        fixed_versions.device_id,
        case
            when fixed_versions.version_number = 1 then {{ iot_facts.ts_neg_infinity() }}
            else fixed_versions.valid_from
        end as valid_from,
        case
            -- the last placement, ending open or with the device's deletion, holds on
            when
                coalesce(fixed_versions.valid_to, {{ iot_facts.ts_infinity() }})
                >= device_ends.listed_until
                then {{ iot_facts.ts_infinity() }}
            else fixed_versions.valid_to
        end as valid_to,
        fixed_versions.space_id,
        fixed_versions.zone_id,
        fixed_versions.placement_source
    from fixed_versions
    inner join device_ends on fixed_versions.device_id = device_ends.device_id
),

final as (
    select * from from_zone_events
    union all
    select * from from_position_events
    union all
    select * from fixed
)

select * from final
