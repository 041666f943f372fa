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
        {{ haltian_family_files(family, folder, raw_names) | indent(8) }}
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
                {{ typed_value('varchar', 'raw."organizationId"') }}, raw.file_organization_id
            ) as organization_id,
            {%- endif %}
            raw.file_window_start as snapshot_at,
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
    {#- A one-row relation (snapshot_at, exporter) naming the current snapshot of `entity`,
        from the loader manifest (so an empty latest file correctly means "no rows", and an id
        absent from it has been deleted). v1 writes a metadata file only when something
        changed, so its latest file stays current while the v1 exporter keeps delivering any
        file at or after the newest legacy snapshot; it is preferred then. Otherwise (v1 never
        ran or stopped) the newest snapshot of either exporter wins. -#}
    with

    ls_delivered as (
        select * from {{ ref('stg_loader__manifest_files') }}
        where status in ('ok', 'empty')
    ),

    ls_latest as (
        select family, max(window_start) as snapshot_at
        from ls_delivered
        where dataset = '{{ entity }}' and kind = 'metadata'
        group by family
    ),

    ls_v1_active as (
        select coalesce(max(window_end) >= (select max(snapshot_at) from ls_latest), false)
            as is_active
        from ls_delivered
        where family = 'v1'
    )

    select
        ls_latest.snapshot_at,
        ls_latest.family as exporter
    from ls_latest
    cross join ls_v1_active
    order by
        (ls_latest.family = 'v1' and ls_v1_active.is_active) desc,
        ls_latest.snapshot_at desc
    limit 1
{%- endmacro %}


{% macro current_entity(staging_model, entity) -%}
    {#- The rows of the latest delivered snapshot of an entity (see latest_snapshot). -#}
    with

    snapshots as (
        select * from {{ ref(staging_model) }}
    ),

    latest as (
        {{ latest_snapshot(entity) | indent(8) }}
    ),

    final as (
        select snapshots.*
        from snapshots
        inner join latest using (snapshot_at, exporter)
    )

    select * from final
{%- endmacro %}
