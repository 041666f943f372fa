{% macro landing_source(source_name, table_name) -%}
    {#- The files of a landing source as a relation with `filename` (absolute local path) and
        `file_row_number` (0-based), schemas merged by column name. -#}
    {{- return(adapter.dispatch('landing_source', 'iot_facts')(source_name, table_name)) -}}
{%- endmacro %}

{% macro default__landing_source(source_name, table_name) -%}
    {#- source(), with a relative landing root in its read_parquet() path made absolute. -#}
    {%- set rendered = source(source_name, table_name) | string -%}
    {%- set configured = env_var('IOT_LANDING_DIR', 'data/landing').rstrip('/') -%}
    {%- if not configured.startswith('/') -%}
        {%- set rendered = rendered.replace("'" ~ configured ~ "/", "'" ~ landing_root() ~ "/") -%}
    {%- endif -%}
    {{- rendered -}}
{%- endmacro %}

{% macro spark__landing_source(source_name, table_name) -%}
    {#- Spark: source() names a table, so the project's reader is built from the source's
        external_location pattern (landing_glob), its `**` spanning the depths of the staged
        files (spark_landing_depths); in a unit test, source() is the fixture. -#}
    {%- if model.resource_type == 'unit_test' -%}
        {{- return(source(source_name, table_name)) -}}
    {%- endif -%}
    {%- set pattern = iot_facts.landing_glob(source_name, table_name) -%}
    {%- set depths = none -%}
    {%- if execute and pattern != iot_facts.landing_glob('loader', 'manifest') -%}
        {%- set depths = iot_facts.spark_landing_depths(source_name, table_name) -%}
    {%- endif -%}
    {{- return(iot_facts.spark_parquet_files(pattern, depths)) -}}
{%- endmacro %}
