{% macro delete_unverified_time_weighted_devices(
    samples_model, sample_filter='true', grain='hour', bucket_column='hour_start'
) -%}
    {#- Pre-hook of an incremental time-weighted fact (time_weighted_recompute_scope): drop
        every row of a device whose kept buckets (those before its recompute point) no longer
        count as many samples as are staged before that point, so the run rebuilds it from
        its first sample (a device with no sample left simply disappears, as in a full
        build). New samples only come at or after the recompute point, by construction of
        the scope, so a difference means samples were removed: an object re-delivered with
        rows missing leaves no new row to put its device in the scope. A no-op on full
        builds. -#}
    {%- if is_incremental() -%}
    {%- set unverified -%}
        with

        uv_scope as (
            {{ time_weighted_recompute_scope(samples_model, sample_filter, grain) | indent(12) }}
        ),

        uv_kept as (
            select existing.device_id, sum(existing.sample_count) as samples
            from {{ this }} as existing
            left join uv_scope on existing.device_id = uv_scope.device_id
            where existing.{{ bucket_column }} < coalesce(uv_scope.recompute_from, {{ iot_facts.ts_infinity() }})
            group by existing.device_id
        ),

        uv_staged as (
            select staged.device_id, count(*) as samples
            from {{ ref(samples_model) }} as staged
            inner join uv_scope on staged.device_id = uv_scope.device_id
            where
                {{ sample_filter }}
                and staged.metric_value is not null
                and staged.measured_at < uv_scope.recompute_from
            group by staged.device_id
        )

        select uv_kept.device_id
        from uv_kept
        left join uv_staged on uv_kept.device_id = uv_staged.device_id
        where uv_kept.samples != coalesce(uv_staged.samples, 0)
    {%- endset -%}
    {{ iot_facts.delete_rows(this, 'existing.device_id in (' ~ unverified ~ ')') }}
    {%- endif -%}
{%- endmacro %}
