{% macro state_intervals(
    staging_model, measurement_type, value_columns, compress_runs=true, scope=none
) -%}
    {#- The interval chain shared by every state measurement: staged events, bounded by the
        measurement type's watermark, turned into runs by events_to_intervals. `scope`, a query
        returning (device_id, recompute_from), restricts the work to those devices' events from
        that time on (incremental runs). -#}
    with

    {% if scope is not none -%}
    scope as (
        {{ scope | indent(8) }}
    ),

    events as (
        select staged.*
        from {{ ref(staging_model) }} as staged
        inner join scope
            on staged.device_id = scope.device_id and staged.measured_at >= scope.recompute_from
    ),
    {%- else -%}
    events as (
        select * from {{ ref(staging_model) }}
    ),
    {%- endif %}

    watermarks as (
        select * from {{ ref('int_measurement_watermarks') }}
        where measurement_type = '{{ measurement_type }}'
    ),

    bounded_events as (
        select
            events.*,
            watermarks.watermark
        from events
        cross join watermarks
    ),

    {#- Staging is unique on (device_id, measured_at); should two events still tie, their
        values order them. Not the source file: a string in the sort key doubled this window's
        cost at 10M events (bench/README.md). #}
    intervals as (
        {{ iot_facts.events_to_intervals(
            'bounded_events',
            partition_by=['device_id'],
            order_by='measured_at',
            value_columns=value_columns,
            upper_bound='watermark',
            tie_breakers=value_columns,
            compress_runs=compress_runs,
            max_state_age_seconds=iot_facts.max_state_age_seconds(measurement_type)
        ) | indent(8) }}
    )

    select * from intervals
{%- endmacro %}
