{% macro stage_haltian_entity(entity) -%}
    {#- Every snapshot row of one entity table from both exporters, typed to canonical columns.
        `snapshot_at` is the start of the file's export window: each file is a full snapshot. -#}
    {%- set columns = entity_columns(entity) -%}
    {%- if execute and columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("unknown entity " ~ entity) }}
    {%- endif -%}
    {%- set has_org_column = entity == 'organizations' -%}
    with
    {% for family in _families(columns) %}
    {%- set folder = columns[0][family ~ '_folder'] -%}
    {%- set raw_names = ['organizationId'] -%}
    {%- for c in columns %}{% do raw_names.extend(_raw_names(c, family)) %}{% endfor %}
    {{ family }}_files as (
        {% if landing_source_has_files('haltian_' ~ family, folder) -%}
        select * from {{ landing_source('haltian_' ~ family, folder) }}
        union all by name
        {% endif -%}
        {{ raw_columns_template(raw_names) }}
    ),

    {{ family }}_typed as (
        select
            {%- for c in columns %}
            {%- set value = coalesce_typed(c['data_type'], _raw_names(c, family)) %}
            {%- if c['transform'] == 'zero_uuid_to_null' %}
            nullif({{ value }}, '00000000-0000-0000-0000-000000000000') as {{ c['column_name'] }},
            {%- else %}
            {{ value }} as {{ c['column_name'] }},
            {%- endif %}
            {%- endfor %}
            {%- if not has_org_column %}
            coalesce(
                {{ typed_value('varchar', 'raw."organizationId"') }},
                {{ haltian_path_organization('raw.filename') }}
            ) as organization_id,
            {%- endif %}
            {{ haltian_file_window(family, 'raw.filename', 'start') }} as snapshot_at,
            '{{ family }}' as exporter,
            replace(raw.filename, '{{ landing_root() }}/', '') as source_file
        from {{ family }}_files as raw
    ),
    {% endfor %}

    final as (
        {% for family in _families(columns) -%}
        select * from {{ family }}_typed
        {% if not loop.last %}union all by name{% endif %}
        {% endfor %}
    )

    select * from final
{%- endmacro %}


{% macro latest_snapshot(entity) -%}
    {#- A one-row relation (snapshot_at, exporter) naming the latest delivered snapshot of
        `entity` (ties between exporters prefer v1); join a staging entity model to it to get the
        current state. It comes from the loader manifest, so an empty latest file correctly
        means "no rows", and an id absent from the latest snapshot has been deleted. In v1 a
        missing file means "unchanged", which the latest-file rule already respects. -#}
    select
        window_start as snapshot_at,
        family as exporter
    from {{ ref('stg_loader__manifest_files') }}
    where dataset = '{{ entity }}' and status in ('ok', 'empty')
    order by window_start desc, family = 'v1' desc
    limit 1
{%- endmacro %}
