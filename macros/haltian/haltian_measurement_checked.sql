{% macro haltian_measurement_checked(family, columns, time_names) -%}
    {#- Step of haltian_measurement_rows: one exporter's typed rows ({family}_typed) with
        `reject_reason`, the first check a row fails (null when valid): device, time (missing,
        unparseable, before 2000, outside its file's window by more than a day after or
        var max_event_lateness_hours before), then per value column unparseable, missing (when
        not nullable), non-finite and outside the seed's physical range. -#}
    {%- set lateness_hours = var('max_event_lateness_hours') | int -%}
    select
        *,
        case
            when device_id is null then 'missing device_id'
            when not {{ raw_is_present(time_names, 'typed', 'raw__') }}
                then 'missing measured_at'
            when measured_at is null
                then 'unparseable measured_at: ' || {{ raw_as_text(time_names, 'typed', 'raw__') }}
            when measured_at < timestamp '2000-01-01'
                then 'measured_at before 2000: ' || measured_at
            when measured_at > file_window_end + interval 1 day
                then 'measured_at more than a day after the file window: ' || measured_at
            when measured_at < file_window_start - interval {{ lateness_hours }} hour
                then 'measured_at more than {{ lateness_hours }} hours before the file window: '
                    || measured_at
            {%- for c in columns %}
            {%- set names = haltian_raw_names(c, family) %}
            when {{ raw_is_present(names, 'typed', 'raw__') }} and {{ c['value_name'] }} is null
                then 'unparseable {{ c["value_name"] }}: ' || {{ raw_as_text(names, 'typed', 'raw__') }}
            {%- if not c['is_nullable'] %}
            when {{ c['value_name'] }} is null then 'missing {{ c["value_name"] }}'
            {%- endif %}
            {%- if c['data_type'] == 'double' %}
            when not {{ iot_facts.is_finite(c["value_name"]) }}
                then 'non-finite {{ c["value_name"] }}: ' || {{ c['value_name'] }}
            {%- endif %}
            {%- if c['min_value'] is not none or c['max_value'] is not none %}
            when {{ physical_range_violated(c) }}
                then '{{ c["value_name"] }} outside its physical range {{ physical_range_text(c) }}: '
                    || {{ c['value_name'] }}
            {%- endif %}
            {%- endfor %}
        end as reject_reason
    from {{ family }}_typed as typed
    {#- A file named outside the export layout (no window in its name) is not an export file:
        the loader records it in the manifest as unknown_entity, with the reason, and it is not
        read (staged_landing_rows reads `ok` files only), like an unknown folder. Every file
        read has the window the loader parsed from its key; the filter guards against one
        without (it would stage rows no delivered window accounts for). #}
    where file_window_end is not null
{%- endmacro %}
