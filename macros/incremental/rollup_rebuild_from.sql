{% macro rollup_rebuild_from(upstreams, entity_inputs, grain='hour') -%}
    {#- The rebuild point of an incremental roll-up (strategy time_rebuild), a scalar query:
        the earliest `grain` bucket its upstream facts rewrote since the roll-up's high-water
        mark. `upstreams`: [[model, time column], ...], incremental facts that replace a
        device's rows from some point on and stamp them with loaded_through_at, so nothing
        before the earliest stamped row changed. 'infinity' when nothing changed.
        '-infinity' (rebuild all) when the entity inputs the roll-up joins differ from those
        its rows were built from (inputs_signature, stored on every row): `entity_inputs`,
        [[model, [columns]], ...], hashed with the set of devices in the upstreams; inputs
        with a device_id column count only those devices. A hierarchy change, a device joining
        a group or a device losing all its events thus rebuilds the whole roll-up, as a full
        refresh would. -#}
    (
        with

        rr_built as (
            select
                max(loaded_through_at) as loaded_through_at,
                max(inputs_signature) as inputs_signature
            from {{ this }}
        ),

        rr_current as (
            select {{ iot_facts.rollup_inputs_signature(upstreams, entity_inputs) | indent(12) }}
                as inputs_signature
        ),

        rr_changed as (
            {%- for model, time_column in upstreams %}
            {%- if not loop.first %}
            union all
            {%- endif %}
            select min({{ time_column }}) as changed_from
            from {{ ref(model) }}
            where loaded_through_at > (select rr_built.loaded_through_at from rr_built)
            {%- endfor %}
        ),

        rr_first_change as (
            select min(changed_from) as changed_from from rr_changed
        )

        select
            case
                -- null when the table is empty: rebuild all
                when coalesce(rr_built.inputs_signature != rr_current.inputs_signature, true)
                    then timestamp '-infinity'
                else coalesce(
                    date_trunc('{{ grain }}', rr_first_change.changed_from), timestamp 'infinity'
                )
            end as rebuild_from
        from rr_built
        cross join rr_current
        cross join rr_first_change
    )
{%- endmacro %}
