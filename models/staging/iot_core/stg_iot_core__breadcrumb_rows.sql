{{ config(materialized='table') }}

with

event_rows as (
    select * from {{ ref('stg_iot_core__event_rows') }}
    where parse_error is null
),

shaped as (
    -- update/documents events carry previous/current; the flat shape (update/accepted, the
    -- blog's Hive view) has state and metadata at the top
    select
        source_file,
        line_number,
        object_in_line,
        delivery_path,
        event_json::json as event,
        case
            when json_exists(event_json::json, '$.current') then event_json::json -> 'current'
            else event_json::json
        end as document
    from event_rows
),

extracted as (
    select
        source_file,
        line_number,
        object_in_line,
        delivery_path,
        event ->> 'thetopic' as topic,
        coalesce(
            nullif(trim(event ->> 'thingnm'), ''),
            nullif(trim(document -> 'state' -> 'reported' ->> 'thingName'), ''),
            nullif(regexp_extract(event ->> 'thetopic', '^\$aws/things/([^/]+)/', 1), '')
        ) as thing_name,
        document ->> 'version' as version_text,
        -- the latest metadata timestamp of any reported field (location's are nested)
        list_max(list_transform(
            regexp_extract_all(
                (document -> 'metadata' -> 'reported')::varchar,
                '"timestamp"\s*:\s*([0-9]+(?:\.[0-9]+)?)',
                1
            ),
            stamp -> try_cast(stamp as double)
        )) as metadata_epoch,
        try_cast(event ->> 'timestamp' as double) as event_epoch,
        coalesce(
            document -> 'state' -> 'reported' -> 'location' ->> 'lat',
            document -> 'state' -> 'reported' ->> 'latitude'
        ) as latitude_text,
        coalesce(
            document -> 'state' -> 'reported' -> 'location' ->> 'lon',
            document -> 'state' -> 'reported' ->> 'longitude'
        ) as longitude_text,
        document -> 'state' -> 'reported' ->> 'speed' as speed_text,
        document -> 'state' -> 'reported' ->> 'heading' as heading,
        document -> 'state' -> 'reported' ->> 'ignition' as ignition_text,
        document -> 'state' -> 'reported' ->> 'temperature' as temperature_text,
        document -> 'state' -> 'reported' ->> 'address' as address
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

checked as (
    select
        *,
        case
            when thing_name is null then 'missing thing name'
            when reported_at is null then 'missing time'
            when version_text is not null and shadow_version is null
                then 'unparseable version: ' || version_text
            when latitude_text is not null and latitude is null
                then 'unparseable latitude: ' || latitude_text
            when longitude_text is not null and longitude is null
                then 'unparseable longitude: ' || longitude_text
            when (latitude is null) != (longitude is null) then 'a coordinate without the other'
            when not latitude between -90 and 90 then 'latitude out of range: ' || latitude
            when not longitude between -180 and 180 then 'longitude out of range: ' || longitude
            when speed_text is not null and speed_kmh is null
                then 'unparseable speed: ' || speed_text
            when speed_kmh < 0 or not isfinite(speed_kmh) then 'impossible speed: ' || speed_kmh
            when ignition_text is not null and is_ignition_on is null
                then 'unparseable ignition: ' || ignition_text
            when temperature_text is not null and temperature_c is null
                then 'unparseable temperature: ' || temperature_text
        end as reject_reason
    from typed
),

ranked as (
    select
        *,
        -- one row per (thing, shadow version): both delivery paths carry every event, and
        -- the direct action may write it twice (two key patterns); Firehose preferred
        case when reject_reason is null then row_number() over (
                    partition by
                        reject_reason is null,
                        thing_name,
                        shadow_version,
                        case when shadow_version is null then reported_at end
                    order by
                        (delivery_path = 'firehose') desc, source_file, line_number asc, object_in_line asc
                )
        end as duplicate_rank
    from checked
)

select * from ranked
