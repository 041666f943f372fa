{% macro rollup_rebuild_scope(upstreams, entity_inputs, grain='hour') -%}
    {#- What an incremental roll-up (strategy time_rebuild) rebuilds, a one-row query:
        inputs_signature, the hash of what the roll-up joins besides its upstream facts
        (rollup_inputs_signature, stored on every row), and rebuild_from, the earliest `grain`
        bucket its upstream facts rewrote since the roll-up's high-water mark.
        `upstreams`: [[model, time column], ...], incremental facts that replace a device's
        rows from some point on and stamp them with loaded_through_at, so nothing before the
        earliest stamped row changed. rebuild_from is 'infinity' when nothing changed and
        '-infinity' (rebuild all) on a full build, or when the signature differs from the
        stored one: a hierarchy change, a device joining a group or a device losing all its
        events rebuilds the whole roll-up, as a full refresh would. -#}
    with

    rs_current as (
        select {{ iot_facts.rollup_inputs_signature(upstreams, entity_inputs) | indent(8) }}
            as inputs_signature
    ),
    {%- if is_incremental() %}

    rs_built as (
        select
            max(loaded_through_at) as loaded_through_at,
            max(inputs_signature) as inputs_signature
        from {{ this }}
    ),

    rs_changed as (
        {%- for model, time_column in upstreams %}
        {%- if not loop.first %}
        union all
        {%- endif %}
        select min({{ time_column }}) as changed_from
        from {{ ref(model) }}
        where loaded_through_at > (select rs_built.loaded_through_at from rs_built)
        {%- endfor %}
    ),

    rs_first_change as (
        select min(changed_from) as changed_from from rs_changed
    ),
    {%- endif %}

    rs_final as (
        select
            rs_current.inputs_signature,
            {%- if is_incremental() %}
            case
                -- null when the table is empty: rebuild all
                when coalesce(rs_built.inputs_signature != rs_current.inputs_signature, true)
                    then {{ iot_facts.ts_neg_infinity() }}
                else coalesce(
                    date_trunc('{{ grain }}', rs_first_change.changed_from),
                    {{ iot_facts.ts_infinity() }}
                )
            end as rebuild_from
        from rs_current
        cross join rs_built
        cross join rs_first_change
            {%- else %}
            {{ iot_facts.ts_neg_infinity() }} as rebuild_from
        from rs_current
            {%- endif %}
    )

    select * from rs_final
{%- endmacro %}
