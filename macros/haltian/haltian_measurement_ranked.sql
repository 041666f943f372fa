{% macro haltian_measurement_ranked(columns, ranking) -%}
    {#- Step of haltian_measurement_rows: the unioned rows (`unioned`) with, for ranking 'kept',
        `duplicate_rank` among the valid copies of an event (device, time and key values): v1
        over legacy, then the file with the latest window end, then the values in order, then
        file and row (a total order); the kept copy's `kept_source_file`; and `is_conflict`
        (its values differ from the kept copy's). Ranking 'none' adds nothing. -#}
    {%- set keys = columns | selectattr('is_key') | map(attribute='value_name') | list -%}
    select
        *
        {%- if ranking == 'kept' %},
        case when reject_reason is null then row_number() over kept_first end as duplicate_rank,
        case when reject_reason is null then first_value(source_file) over kept_first end
            as kept_source_file,
        {#- a copy whose values differ from the kept copy's: the exporters disagree #}
        case when reject_reason is null then not (
            {{ iot_facts.struct_of(columns | map(attribute='value_name')) }}
            is not distinct from first_value(
                {{ iot_facts.struct_of(columns | map(attribute='value_name')) }}
            ) over kept_first
        ) end as is_conflict
        {%- endif %}
    from unioned
    {%- if ranking == 'kept' %}
    window kept_first as (
        partition by reject_reason is null, device_id, measured_at
            {%- for k in keys %}, {{ k }}{% endfor %}
        order by
            exporter_preference, file_window_end desc
            {%- for c in columns %}, {{ c['value_name'] }} nulls last{% endfor %},
            {#- a total order: copies equal in all of the above (the same event twice in one
                file, or one window under two paths) are kept by position, the same way in
                every build #}
            source_file, source_row_number
    )
    {%- endif %}
{%- endmacro %}
