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
        {{ iot_facts.incremental_state_scope(staging_model, measurement_type) | indent(8) }}
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
