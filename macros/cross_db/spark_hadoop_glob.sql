{% macro spark_hadoop_glob(pattern) -%}
    {#- A DuckDB glob as a Hadoop one: Hadoop has no recursive `**`, so `/**/` matches up to
        three folder levels (`{,*/,*/*/,*/*/*/}`), enough for any prefix the loader keeps above
        an export's layout (README: Spark). -#}
    {{- return(pattern | replace('/**/', '/{,*/,*/*/,*/*/*/}')) -}}
{%- endmacro %}
