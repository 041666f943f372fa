{% macro haltian_measurement_audit(kind) -%}
    {#- Union over every measurement type of the rows staging did not keep: kind = 'rejects'
        (reject_reason set) or 'duplicates' (duplicate_rank > 1), from the rows tables the staging
        models also read, so the three always reconcile. -#}
    {%- set types = measurement_catalog() -%}
    with
    {% for m in types %}
    {{ m['measurement_type'] }}_rows as (
        select * from {{ ref('stg_haltian__' ~ m['measurement_type'] ~ '_measurement_rows') }}
    ),
    {% endfor %}

    final as (
        {% for m in types -%}
        select
            '{{ m["measurement_type"] }}' as measurement_type,
            exporter,
            source_file,
            source_row_number,
            organization_id,
            device_id,
            measured_at,
            {%- if kind == 'rejects' %}
            reject_reason,
            raw_record
            {%- else %}
            duplicate_rank,
            kept_source_file,
            is_conflict
            {%- endif %}
        from {{ m['measurement_type'] }}_rows
        where {{ 'reject_reason is not null' if kind == 'rejects' else 'duplicate_rank > 1' }}
        {% if not loop.last %}union all{% endif %}
        {% endfor -%}
        {%- if types | length == 0 -%}
        select
            null::string as measurement_type, null::string as exporter,
            null::string as source_file, null::bigint as source_row_number,
            null::string as organization_id,
            null::string as device_id, null::timestamp as measured_at,
            {%- if kind == 'rejects' %}
            null::string as reject_reason, null::string as raw_record
            {%- else %}
            null::bigint as duplicate_rank, null::string as kept_source_file,
            null::boolean as is_conflict
            {%- endif %}
        limit 0
        {%- endif %}
    )

    select * from final
{%- endmacro %}
