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
    {#- Spark: the files as one Hadoop glob of alternatives, their glob characters escaped. -#}
    {%- set paths = [] -%}
    {%- for path in files -%}
        {%- set escaped = namespace(text=landing_root() ~ '/' ~ path) -%}
        {%- for special in ['\\', '{', '}', ',', '*', '?', '[', ']'] -%}
            {%- set escaped.text = escaped.text | replace(special, '\\' ~ special) -%}
        {%- endfor -%}
        {%- do paths.append(escaped.text) -%}
    {%- endfor -%}
    {{- return(iot_facts.spark_parquet_files('{' ~ paths | join(',') ~ '}')) -}}
{%- endmacro %}
