{% macro spark_partition_columns(relation) -%}
    {#- Spark: the partition columns of a table, from its catalog entry (the table as built,
        which may predate its model's partition_by). Empty for an unpartitioned table. -#}
    {%- set columns = [] -%}
    {%- set section = namespace(partitions=false) -%}
    {%- for row in run_query('describe table ' ~ relation) -%}
        {%- set name = (row[0] or '') | trim -%}
        {%- if name == '# Partition Information' -%}
            {%- set section.partitions = true -%}
        {%- elif section.partitions and name.startswith('#') and name != '# col_name' -%}
            {%- set section.partitions = false -%}
        {%- elif section.partitions and name and name != '# col_name' -%}
            {%- do columns.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(columns) -}}
{%- endmacro %}
