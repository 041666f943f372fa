{#- Incremental (strategy landing_rows): a run types only the events of the objects staged
    since the table's high-water mark, and ranks them with the copies the table already holds
    of the same events. -#}
{%- set rank_keys = ['thing_name', 'event_key'] %}
{{ config(
    materialized='incremental',
    incremental_strategy='landing_rows',
    landing_dataset='iot_core',
    rank_keys=rank_keys,
    on_schema_change='fail',
) }}

with

{% if is_incremental() -%}
    event_rows as (
        -- the events of the objects staged since this table's high-water mark
        select * from {{ ref('stg_iot_core__event_rows') }}
        where
            parse_error is null
            and source_file in (
                {{ landing_replaced_files('iot_core', this) | indent(16) }}
            )
    ),
{%- else %}
    event_rows as (
        select * from {{ ref('stg_iot_core__event_rows') }}
        where parse_error is null
    ),
{%- endif %}

shaped as (
    -- update/documents events carry previous/current; the flat shape (update/accepted, the
    -- blog's Hive view) has state and metadata at the top. JSON stays text, read by path
    -- (json_extract_text), so every engine reads it alike.
    select
        source_file,
        line_number,
        object_in_line,
        delivery_path,
        object_window_start,
        object_window_end,
        key_thing_name,
        event_json as event,
        coalesce(
            {{ iot_facts.json_extract_text('event_json', '$.current') }}, event_json
        ) as document
    from event_rows
),

extracted as (
    select
        source_file,
        line_number,
        object_in_line,
        delivery_path,
        object_window_start,
        object_window_end,
        {{ iot_facts.json_extract_text('event', '$.thetopic') }} as topic,
        coalesce(
            nullif(trim({{ iot_facts.json_extract_text('event', '$.thingnm') }}), ''),
            nullif(trim(
                {{ iot_facts.json_extract_text('document', '$.state.reported.thingName') }}
            ), ''),
            nullif(regexp_extract(
                {{ iot_facts.json_extract_text('event', '$.thetopic') }},
                '^[$]aws/things/([^/]+)/',
                1
            ), ''),
            key_thing_name
        ) as thing_name,
        {{ iot_facts.json_extract_text('document', '$.version') }} as version_text,
        -- the latest metadata timestamp of any reported field (location's are nested), in any
        -- JSON number notation (Spark writes 1700000001.5 as 1.7000000015E9)
        {{ iot_facts.max_captured_number(
            iot_facts.json_extract_text('document', '$.metadata.reported'),
            '"timestamp":(-?[0-9]+(?:[.][0-9]+)?(?:[eE][+-]?[0-9]+)?)'
        ) }} as metadata_epoch,
        try_cast(
            {{ iot_facts.json_extract_text('event', '$.timestamp') }} as double
        ) as event_epoch,
        coalesce(
            {{ iot_facts.json_extract_text('document', '$.state.reported.location.lat') }},
            {{ iot_facts.json_extract_text('document', '$.state.reported.latitude') }}
        ) as latitude_text,
        coalesce(
            {{ iot_facts.json_extract_text('document', '$.state.reported.location.lon') }},
            {{ iot_facts.json_extract_text('document', '$.state.reported.longitude') }}
        ) as longitude_text,
        {{ iot_facts.json_extract_text('document', '$.state.reported.speed') }} as speed_text,
        {{ iot_facts.json_extract_text('document', '$.state.reported.heading') }} as heading,
        {{ iot_facts.json_extract_text('document', '$.state.reported.ignition') }} as ignition_text,
        {{ iot_facts.json_extract_text('document', '$.state.reported.temperature') }}
            as temperature_text,
        {{ iot_facts.json_extract_text('document', '$.state.reported.address') }} as address
    from shaped
),

typed as (
    select
        *,
        try_cast(version_text as bigint) as shadow_version,
        {{ epoch_seconds_or_millis('coalesce(metadata_epoch, event_epoch)') }} as reported_at,
        try_cast(latitude_text as double) as latitude,
        try_cast(longitude_text as double) as longitude,
        try_cast(speed_text as double) as speed_kmh,
        case lower(trim(ignition_text))
            when '1' then true when 'true' then true when 'on' then true
            when '0' then false when 'false' then false when 'off' then false
        end as is_ignition_on,
        try_cast(temperature_text as double) as temperature_c
    from extracted
),

-- a multi-line macro inside a call's arguments misleads sqlfluff's indent rule
-- noqa: disable=LT02
hashed as (
    select
        *,
        -- what the event says, to tell a copy from a different event under the same version:
        -- its breadcrumb fields, numbers in one notation (engines write JSON numbers apart)
        md5(concat_ws(
            '|',
            {%- for field in ['latitude', 'longitude', 'speed_kmh', 'temperature_c'] %}
            coalesce(
                {{ iot_facts.number_text(field) | indent(12) }},
                {{ field.split('_')[0] }}_text,
                '~'
            ),
            {%- endfor %}
            coalesce(cast(is_ignition_on as string), ignition_text, '~'),
            coalesce(heading, '~'),
            coalesce(address, '~')
        )) as reported_hash
    from typed
),
-- noqa: enable=LT02

checked as (
    select
        *,
        case
            when thing_name is null then 'missing thing name'
            when coalesce(metadata_epoch, event_epoch) is null then 'missing time'
            when reported_at is null
                then 'time out of range: '
                    || {{ iot_facts.number_text('coalesce(metadata_epoch, event_epoch)') }}
            when reported_at > object_window_end + interval 1 day
                then 'reported_at more than a day after its object''s window: ' || reported_at
            when
                reported_at
                < object_window_start - interval {{ var('max_event_lateness_hours') | int }} hour
                then 'reported_at more than {{ var('max_event_lateness_hours') | int }} hours'
                    || ' before its object''s window: ' || reported_at
            when version_text is not null and shadow_version is null
                then 'unparseable version: ' || version_text
            when latitude_text is not null and latitude is null
                then 'unparseable latitude: ' || latitude_text
            when longitude_text is not null and longitude is null
                then 'unparseable longitude: ' || longitude_text
            when (latitude is null) != (longitude is null) then 'a coordinate without the other'
            when not latitude between -90 and 90
                then 'latitude out of range: ' || {{ iot_facts.number_text('latitude') }}
            when not longitude between -180 and 180
                then 'longitude out of range: ' || {{ iot_facts.number_text('longitude') }}
            when speed_text is not null and speed_kmh is null
                then 'unparseable speed: ' || speed_text
            when not {{ iot_facts.is_finite('speed_kmh') }} or not speed_kmh between 0 and 400
                then 'speed outside its physical range [0, 400] km/h: '
                    || {{ iot_facts.number_text('speed_kmh') }}
            when ignition_text is not null and is_ignition_on is null
                then 'unparseable ignition: ' || ignition_text
            when temperature_text is not null and temperature_c is null
                then 'unparseable temperature: ' || temperature_text
            when
                not {{ iot_facts.is_finite('temperature_c') }}
                or not temperature_c between -100 and 150
                then 'temperature outside its physical range [-100, 150] degC: '
                    || {{ iot_facts.number_text('temperature_c') }}
        end as reject_reason
    from hashed
),

keyed as (
    select
        *,
        -- an event's identity: its thing's shadow version; without one (the flat shape may
        -- lack it), its time and what it reported
        coalesce(
            'v' || shadow_version, 't' || reported_at || '/' || reported_hash
        ) as event_key
    from checked
),

{% if is_incremental() -%}
    candidates as (
        {#- copies of one event may differ in time (a conflict under one version): no range #}
        {{ landing_rows_rerank_candidates(
            'keyed', 'iot_core', rank_keys, none, ['duplicate_rank', 'is_conflict']
        ) | indent(8) }}
    ),
{%- else %}
    candidates as (
        select * from keyed
    ),
{%- endif %}

ranked as (
    select
        *,
        -- one row per (thing, event): both delivery paths carry every event, and the direct
        -- action may write it twice (two key patterns); Firehose preferred, then key order
        case
            when reject_reason is null then row_number() over copies
        end as duplicate_rank,
        -- a copy that reports something else under the same version: a conflict
        case
            when reject_reason is null
                then reported_hash != first_value(reported_hash) over copies
        end as is_conflict,
        {{ manifest_loaded_through() }} as loaded_through_at
    from candidates
    window copies as (
        partition by reject_reason is null, thing_name, event_key
        order by
            (delivery_path = 'firehose') desc, source_file asc, line_number asc,
            object_in_line asc
    )
)

select * from ranked
