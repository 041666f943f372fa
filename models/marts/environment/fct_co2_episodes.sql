-- depends_on: {{ ref('fct_environment_hourly') }}
{%- set scope_args = {
    'readings_model': 'stg_haltian__co2_measurements',
    'value_column': 'co2',
    'threshold': var('co2_limit_ppm'),
    'samples_fact': 'fct_environment_hourly',
    'metric': 'co2',
} -%}
{{ config(
    materialized='incremental',
    incremental_strategy='scope_rebuild',
    rebuild_scope='threshold_episode_scope',
    rebuild_scope_args=scope_args,
    rebuild_from='started_at',
    on_schema_change='fail',
) }}

with

co2_samples as (
    select * from {{ ref('stg_haltian__co2_measurements') }}
),

watermarks as (
    select * from {{ ref('int_measurement_watermarks') }}
    where measurement_type = 'co2'
),

{% if is_incremental() -%}
    scope as (
        {{ iot_facts.threshold_episode_scope(**scope_args) | indent(8) }}
    ),

    scoped_samples as (
        -- from each scoped device's restart reading on (threshold_episode_scope)
        select co2_samples.*
        from co2_samples
        inner join scope
            on
                co2_samples.device_id = scope.device_id
                and co2_samples.measured_at >= scope.recompute_from
    ),
{%- else %}
    scoped_samples as (
        select * from co2_samples
    ),
{%- endif %}

bounded as (
    select
        scoped_samples.device_id,
        scoped_samples.measured_at,
        scoped_samples.co2,
        watermarks.watermark
    from scoped_samples
    cross join watermarks
),

episodes as (
    {{ threshold_episodes(
        'bounded',
        partition_by=['device_id'],
        order_by='measured_at',
        value_column='co2',
        threshold=var('co2_limit_ppm'),
        min_seconds=var('co2_min_seconds'),
        upper_bound='watermark'
    ) | indent(4) }}
),

final as (
    select
        device_id,
        started_at,
        ended_at,
        duration_seconds,
        peak_value as peak_co2_ppm,
        cast(event_count as integer) as event_count,
        is_open,
        {{ manifest_loaded_through() }} as loaded_through_at
    from episodes
)

select * from final
