{% macro incremental_state_scope(staging_model, measurement_type) -%}
    {#- Per device, where an incremental run must recompute state intervals from
        (recompute_from), given the existing intervals in {{ this }}:
        - devices with events from files staged since the last run (late, new or replacing
          duplicates): from the start of the run BEFORE the run containing the earliest such
          event, so a change can merge or split runs exactly as a full build would;
        - every other device already built: from its open last run, which is re-bounded at the
          new watermark;
        - devices never built: from their first event. -#}
    with

    sc_events as (
        select * from {{ ref(staging_model) }}
    ),

    sc_manifest as (
        select * from {{ ref('stg_loader__manifest_files') }}
    ),

    sc_existing as (
        select device_id, valid_from, is_open from {{ this }}
    ),

    sc_new_files as (
        select object_key as source_file
        from sc_manifest
        where
            dataset = '{{ measurement_type }}'
            and staged_at > (
                {#- a table built before the loader's first run is empty: every file is new #}
                select coalesce(max(existing.loaded_through_at), timestamp '-infinity')
                from {{ this }} as existing
            )
    ),

    sc_changed as (
        select sc_events.device_id, min(sc_events.measured_at) as first_new_event_at
        from sc_events
        inner join sc_new_files on sc_events.source_file = sc_new_files.source_file
        group by all
    ),

    sc_containing as (
        select
            sc_changed.device_id,
            sc_changed.first_new_event_at,
            max(sc_existing.valid_from) as containing_from
        from sc_changed
        left join sc_existing
            on
                sc_changed.device_id = sc_existing.device_id
                and sc_existing.valid_from <= sc_changed.first_new_event_at
        group by all
    ),

    sc_changed_scope as (
        select
            sc_containing.device_id,
            coalesce(
                max(sc_existing.valid_from),
                any_value(sc_containing.containing_from),
                any_value(sc_containing.first_new_event_at)
            ) as recompute_from
        from sc_containing
        left join sc_existing
            on
                sc_containing.device_id = sc_existing.device_id
                and sc_existing.valid_from < sc_containing.containing_from
        group by all
    ),

    sc_open_scope as (
        select device_id, valid_from as recompute_from
        from sc_existing
        where is_open
    ),

    sc_new_devices as (
        select device_id, min(measured_at) as recompute_from
        from sc_events
        where device_id not in (select sc_existing.device_id from sc_existing)
        group by all
    ),

    sc_all as (
        select * from sc_changed_scope
        union all
        select * from sc_open_scope
        union all
        select * from sc_new_devices
    )

    select device_id, min(recompute_from) as recompute_from
    from sc_all
    group by device_id
{%- endmacro %}



{% macro unverified_state_devices(staging_model, measurement_type) -%}
    {#- Devices whose existing intervals in {{ this }} can no longer be trusted up to where
        incremental_state_scope would recompute them (recompute_from): the staged events
        before that point are not the ones the kept runs were built from. Happens when an
        object is re-delivered with rows removed or moved (the removed rows are in no new
        file, so the new-file scope cannot see them) and when a device lost all its events.
        The check, per device: the staged events before recompute_from number exactly the
        events of the kept runs (those starting before it; events are only added at or after
        it, by construction of the scope), and an event still exists at recompute_from (the
        start of the first recomputed run, which ends the last kept run). -#}
    with

    uv_scope as (
        {{ incremental_state_scope(staging_model, measurement_type) | indent(8) }}
    ),

    uv_kept as (
        select uv_scope.device_id, coalesce(sum(existing.event_count), 0) as kept_events
        from uv_scope
        left join {{ this }} as existing
            on
                uv_scope.device_id = existing.device_id
                and existing.valid_from < uv_scope.recompute_from
        group by uv_scope.device_id
    ),

    uv_staged as (
        select
            uv_scope.device_id,
            count(staged.measured_at) filter (
                where staged.measured_at < uv_scope.recompute_from
            ) as staged_events,
            coalesce(bool_or(staged.measured_at = uv_scope.recompute_from), false)
                as has_start_event
        from uv_scope
        left join {{ ref(staging_model) }} as staged
            on
                uv_scope.device_id = staged.device_id
                and staged.measured_at <= uv_scope.recompute_from
        group by uv_scope.device_id
    )

    select uv_kept.device_id
    from uv_kept
    inner join uv_staged on uv_kept.device_id = uv_staged.device_id
    where uv_kept.kept_events != uv_staged.staged_events or not uv_staged.has_start_event
{%- endmacro %}


{% macro delete_unverified_state_devices(staging_model, measurement_type) -%}
    {#- Pre-hook of the incremental interval facts: drop every row of the devices
        unverified_state_devices names, so the run rebuilds them from their first event like
        new devices (a device with no staged event left simply disappears, as in a full
        build). A no-op on full builds. -#}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where device_id in (
        {{ unverified_state_devices(staging_model, measurement_type) | indent(8) }}
    )
    {%- endif -%}
{%- endmacro %}
