{% macro landing_source_files(source_name, table_name, files) -%}
    {{- return(adapter.dispatch('landing_source_files', 'iot_facts')(source_name, table_name, files)) -}}
{%- endmacro %}

{% macro default__landing_source_files(source_name, table_name, files) -%}
    {#- landing_source() with its file pattern replaced by a literal list of files (local paths
        relative to the landing directory), keeping every reader option of the source. -#}
    {%- set rendered = landing_source(source_name, table_name) -%}
    {%- set pattern = modules.re.search("read_parquet\\('[^']*'", rendered) -%}
    {%- if pattern is none -%}
        {{ exceptions.raise_compiler_error(
            "landing source " ~ source_name ~ "." ~ table_name ~ " is not a read_parquet() glob"
        ) }}
    {%- endif -%}
    {%- set paths = [] -%}
    {%- for path in files -%}
        {%- do paths.append("'" ~ (landing_root() ~ "/" ~ path) | replace("'", "''") ~ "'") -%}
    {%- endfor -%}
    {{- rendered[:pattern.start()] ~ "read_parquet([" ~ paths | join(", ") ~ "]"
        ~ rendered[pattern.end():] -}}
{%- endmacro %}

{% macro spark__landing_source_files(source_name, table_name, files) -%}
    {#- Spark: the files as one Hadoop glob of alternatives under the landing root, their glob
        characters escaped. The root stays outside the braces: Hadoop resolves a glob that
        starts with `{` against the working directory, even when each alternative is absolute. -#}
    {%- set paths = [] -%}
    {%- for path in [landing_root()] + (files | list) -%}
        {%- do paths.append(iot_facts.hadoop_glob_escape(path)) -%}
    {%- endfor -%}
    {{- return(iot_facts.spark_parquet_files(paths[0] ~ '/{' ~ paths[1:] | join(',') ~ '}')) -}}
{%- endmacro %}
