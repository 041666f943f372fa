{% macro stage_haltian_entity(entity) -%}
    {#- Every snapshot row of one entity table from both exporters, typed to canonical columns.
        `snapshot_at` is the start of the file's export window: each file is a full snapshot. -#}
    {%- set columns = haltian_entity_columns(entity) -%}
    {%- if execute and columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("unknown entity " ~ entity) }}
    {%- endif -%}
    {%- set has_org_column = entity == 'organizations' -%}
    with
    {% for family in haltian_families(columns) %}
    {%- set folder = columns[0][family ~ '_folder'] -%}
    {%- set raw_names = ['organizationId'] -%}
    {%- for c in columns %}{% do raw_names.extend(haltian_raw_names(c, family)) %}{% endfor %}
    {{ family }}_files as (
        {{ haltian_family_files(family, folder, raw_names) | indent(8) }}
    ),

    {{ family }}_typed as (
        select
            {%- for c in columns %}
            {%- set value = coalesce_typed(c['data_type'], haltian_raw_names(c, family)) %}
            {%- if c['transform'] == 'zero_uuid_to_null' %}
            nullif({{ value }}, '00000000-0000-0000-0000-000000000000') as {{ c['column_name'] }},
            {%- else %}
            {{ value }} as {{ c['column_name'] }},
            {%- endif %}
            {%- endfor %}
            {%- if not has_org_column %}
            coalesce(
                {{ typed_value('varchar', 'raw.' ~ adapter.quote('organizationId')) }}, raw.file_organization_id
            ) as organization_id,
            {%- endif %}
            raw.file_window_start as snapshot_at,
            '{{ family }}' as exporter,
            replace(raw.filename, '{{ landing_root() }}/', '') as source_file
        from {{ family }}_files as raw
    ),
    {% endfor %}

    {%- set output = columns | map(attribute='column_name') | list
        + ([] if has_org_column else ['organization_id'])
        + ['snapshot_at', 'exporter', 'source_file'] %}

    final as (
        {% for family in haltian_families(columns) -%}
        select {{ output | join(', ') }} from {{ family }}_typed
        {% if not loop.last %}union all{% endif %}
        {% endfor %}
    )

    select * from final
{%- endmacro %}
