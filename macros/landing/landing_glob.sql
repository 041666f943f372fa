{% macro landing_glob(source_name, table_name) -%}
    {#- The absolute file pattern of a landing source: the first quoted path of its
        external_location (meta), with {landing_dir} made absolute and {name} the table's. -#}
    {%- if not execute -%}{{ return(landing_root() ~ '/' ~ table_name) }}{%- endif -%}
    {%- set nodes = graph.sources.values()
        | selectattr('source_name', 'equalto', source_name)
        | selectattr('name', 'equalto', table_name) | list -%}
    {%- if nodes | length != 1 -%}
        {{ exceptions.raise_compiler_error("no landing source " ~ source_name ~ "." ~ table_name) }}
    {%- endif -%}
    {%- set meta = {} -%}
    {%- do meta.update(nodes[0].source_meta) -%}
    {%- do meta.update(nodes[0].meta) -%}
    {%- set location = modules.re.search("'([^']+)'", meta.get('external_location', '')) -%}
    {%- if location is none -%}
        {{ exceptions.raise_compiler_error(
            "landing source " ~ source_name ~ "." ~ table_name ~ " has no file pattern"
        ) }}
    {%- endif -%}
    {{ return(location.group(1)
        | replace('{landing_dir}', landing_root())
        | replace('{name}', nodes[0].identifier)) }}
{%- endmacro %}
