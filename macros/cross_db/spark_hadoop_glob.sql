{% macro spark_hadoop_glob(pattern, depths=none) -%}
    {#- A DuckDB glob as a Hadoop one. Hadoop has no recursive `**`: `/**/` becomes the folder
        depths given (spark_landing_depths: exactly those of the staged files), or up to three
        levels without them (`{,*/,*/*/,*/*/*/}`; compiling without a manifest, e.g. dbt
        parse). -#}
    {%- set levels = [0, 1, 2, 3] if depths is none else depths | sort -%}
    {%- set alternatives = [] -%}
    {%- for depth in levels -%}{%- do alternatives.append('*/' * depth) -%}{%- endfor -%}
    {%- set expanded = alternatives[0] if alternatives | length == 1
        else '{' ~ alternatives | join(',') ~ '}' -%}
    {{- return(pattern | replace('/**/', '/' ~ expanded)) -}}
{%- endmacro %}
