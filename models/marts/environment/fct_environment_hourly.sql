{{ config(
    materialized='incremental',
    incremental_strategy='device_rebuild',
    rebuild_from='hour_start',
    on_schema_change='fail',
    partition_by=(none if target.type == 'duckdb' else ['local_date']),
    pre_hook="{{ delete_unverified_time_weighted_devices('int_sampled_values_unioned', \"domain = 'environment'\") }}",
) }}

{#- The samples are read where needed, not through one CTE: DuckDB materializes a CTE read
    twice, i.e. would copy every sample on each incremental run. #}
{%- set samples -%}
    (select * from {{ ref('int_sampled_values_unioned') }} where domain = 'environment')
{%- endset %}

with

watermarks as (
    select * from {{ ref('int_measurement_watermarks') }}
),

{% if is_incremental() -%}
    scope as (
        {{ time_weighted_recompute_scope('int_sampled_values_unioned', "domain = 'environment'")
            | indent(8) }}
    ),

    held_before as (
        -- per series, the last sample before the recompute point: the line entering it
        select
            samples.device_id,
            samples.metric,
            max(samples.measured_at) as measured_at
        from {{ samples }} as samples
        inner join scope
            on samples.device_id = scope.device_id and samples.measured_at < scope.recompute_from
        where samples.metric_value is not null
        group by all
    ),

    scoped_samples as (
        select samples.*
        from {{ samples }} as samples
        inner join scope
            on samples.device_id = scope.device_id and samples.measured_at >= scope.recompute_from
        union all
        select samples.*
        from {{ samples }} as samples
        inner join held_before
            on
                samples.device_id = held_before.device_id
                and samples.metric = held_before.metric
                and samples.measured_at = held_before.measured_at
    ),
{%- else %}
    scope as (
        select
            device_id,
            {{ iot_facts.ts_neg_infinity() }} as recompute_from
        from {{ samples }} as samples
        group by device_id
    ),

    scoped_samples as (
        select * from {{ samples }} as samples
    ),
{%- endif %}

bounded as (
    select
        scoped_samples.*,
        watermarks.watermark
    from scoped_samples
    inner join watermarks on scoped_samples.measurement_type = watermarks.measurement_type
),

hourly as (
    {{ time_weighted_by_grain(
        'bounded',
        partition_by=['device_id', 'metric', 'unit'],
        time_column='measured_at',
        value_column='metric_value',
        upper_bound='watermark',
        grain='hour'
    ) | indent(4) }}
),

final as (
    select
        hourly.device_id,
        hourly.bucket_start as hour_start,
        {{ local_time_columns('hourly.bucket_start') | indent(8) }},
        hourly.metric,
        hourly.unit,
        hourly.time_weighted_avg,
        hourly.min_value,
        hourly.max_value,
        cast(hourly.sample_count as integer) as sample_count,
        hourly.covered_seconds,
        {{ manifest_loaded_through() }} as loaded_through_at
    from hourly
    inner join scope
        on hourly.device_id = scope.device_id and hourly.bucket_start >= scope.recompute_from
)

select * from final
