{% macro catalog_relation(seed_name) -%}
    {#- The seed's relation, found without ref() so that compile-time lookups also work inside
        unit tests (where ref() points at fixtures). The graph is empty while a unit test
        compiles; then the seeds' schema (+schema: catalog in dbt_project.yml) is used. Models
        that call this declare the dependency with a `-- depends_on: ref(...)` comment. -#}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- for node in (graph.get('nodes') or {}).values()
        if node.resource_type == 'seed' and node.name == seed_name -%}
        {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
    {%- endfor -%}
    {{ return(api.Relation.create(
        database=target.database, schema=generate_schema_name('catalog', none), identifier=seed_name
    )) }}
{%- endmacro %}


{% macro _rows(sql_parts) -%}
    {#- Rows of a catalog query as dicts; empty at parse time (no database access then). -#}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set table = run_query(sql_parts | join('')) -%}
    {%- set rows = [] -%}
    {%- for row in table.rows -%}
        {%- set item = {} -%}
        {%- for name in table.column_names -%}{%- do item.update({name: row[name]}) -%}{%- endfor -%}
        {%- do rows.append(item) -%}
    {%- endfor -%}
    {{ return(rows) }}
{%- endmacro %}


{% macro measurement_value_columns(measurement_type) -%}
    {#- The value columns of one measurement type, from seeds/measurement_types.csv. -#}
    {{ return(_rows([
        "select * from ", catalog_relation('measurement_types'),
        " where measurement_type = '", measurement_type, "' order by rowid"
    ])) }}
{%- endmacro %}


{% macro measurement_catalog(where='true') -%}
    {#- One row per measurement type: folder, families, kinds (for loops over all types). -#}
    {{ return(_rows([
        "select measurement_type, any_value(folder) as folder,",
        " bool_or(legacy_column is not null) as in_legacy,",
        " bool_or(v1_column is not null) as in_v1, min(rowid) as position",
        " from ", catalog_relation('measurement_types'), " where ", where,
        " group by measurement_type order by position"
    ])) }}
{%- endmacro %}


{% macro entity_columns(entity) -%}
    {#- The columns of one entity table, from seeds/entity_columns.csv. -#}
    {{ return(_rows([
        "select * from ", catalog_relation('entity_columns'),
        " where entity = '", entity, "' order by rowid"
    ])) }}
{%- endmacro %}
