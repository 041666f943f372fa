{% macro threshold_episode_scope(
    readings_model, value_column, threshold, samples_fact, metric
) -%}
    {#- Per device, the first reading an incremental run of an episodes fact (threshold_episodes
        over `readings_model`, in {{ this }}) must re-read, and the episodes it replaces (those
        starting at or after it). The change comes from `samples_fact`, an incremental
        time-weighted fact over the same readings (time_weighted_recompute_scope): it rewrites a
        device from the hour where a new, re-delivered or removed reading or the moved watermark
        changes anything, and stamps those rows with loaded_through_at. Per device, the earliest
        `metric` hour stamped since this table's high-water mark; then the last reading at or
        below the threshold before it: runs restart there, so episodes before it stay as built
        (no such reading: the whole device). Devices in {{ this }} with no `metric` row left lose
        every episode. Columns: device_id, recompute_from. -#}
    with

    es_built as (
        -- empty before the first incremental run: every device is new
        select coalesce(max(loaded_through_at), {{ iot_facts.ts_neg_infinity() }}) as loaded_through_at
        from {{ this }}
    ),

    es_changed as (
        select device_id, min(hour_start) as changed_from
        from {{ ref(samples_fact) }}
        where
            metric = '{{ metric }}'
            and loaded_through_at > (select es_built.loaded_through_at from es_built)
        group by device_id
    ),

    es_restart as (
        select readings.device_id, max(readings.measured_at) as restart_at
        from {{ ref(readings_model) }} as readings
        inner join es_changed
            on
                readings.device_id = es_changed.device_id
                and readings.measured_at < es_changed.changed_from
        where readings.{{ value_column }} <= {{ threshold }}
        group by readings.device_id
    ),

    es_gone as (
        select distinct built.device_id
        from {{ this }} as built
        where built.device_id not in (
            select samples.device_id
            from {{ ref(samples_fact) }} as samples
            where samples.metric = '{{ metric }}'
        )
    )

    select
        es_changed.device_id,
        coalesce(es_restart.restart_at, {{ iot_facts.ts_neg_infinity() }}) as recompute_from
    from es_changed
    left join es_restart on es_changed.device_id = es_restart.device_id
    union all
    select
        device_id,
        {{ iot_facts.ts_neg_infinity() }} as recompute_from
    from es_gone
{%- endmacro %}
