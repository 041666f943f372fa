{% macro union_all_by_name(queries) -%}
    {#- The rows of every query (self-contained SQL), columns matched by name: a column a query
        lacks is NULL in its rows. -#}
    {{- return(adapter.dispatch('union_all_by_name', 'iot_facts')(queries)) -}}
{%- endmacro %}

{% macro default__union_all_by_name(queries) -%}
    {%- set parts = [] -%}
    {%- for query in queries -%}
        {%- do parts.append('select * from (' ~ query ~ ') as part_' ~ loop.index) -%}
    {%- endfor -%}
    {{- return(parts | join('\nunion all by name\n')) -}}
{%- endmacro %}

{% macro spark__union_all_by_name(queries) -%}
    {#- Spark has no UNION BY NAME: each query's columns are asked for while compiling
        (`describe query`), and each query is projected onto all of them. A column missing from
        a query, or an untyped NULL in it, takes the type other queries give it (string when
        none does: Parquet cannot store an untyped column); typed columns are left to Spark's
        union type coercion. Names keep the spelling of their first query. -#}
    {%- if not execute -%}
        {{- return(queries | join('\nunion all\n')) -}}
    {%- endif -%}
    {%- set names = [] -%}
    {%- set spelled = {} -%}
    {%- set types = {} -%}
    {%- set described = [] -%}
    {%- for query in queries -%}
        {%- set columns = {} -%}
        {%- for row in run_query('describe query select * from (' ~ query ~ ') as q').rows -%}
            {%- set name = row[0] | lower -%}
            {%- do columns.update({name: row[1]}) -%}
            {%- if name not in names -%}
                {%- do names.append(name) -%}
                {%- do spelled.update({name: row[0]}) -%}
            {%- endif -%}
            {%- if row[1] != 'void' and name not in types -%}
                {%- do types.update({name: row[1]}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do described.append(columns) -%}
    {%- endfor -%}
    {%- set parts = [] -%}
    {%- for query in queries -%}
        {%- set columns = described[loop.index0] -%}
        {%- set projected = [] -%}
        {%- for name in names -%}
            {%- if columns.get(name, 'void') != 'void' -%}
                {%- do projected.append('q.`' ~ spelled[name] ~ '`') -%}
            {%- else -%}
                {%- do projected.append(
                    'cast(null as ' ~ types.get(name, 'string') ~ ') as `' ~ spelled[name] ~ '`'
                ) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do parts.append(
            'select ' ~ projected | join(', ') ~ ' from (' ~ query ~ ') as q'
        ) -%}
    {%- endfor -%}
    {{- return(parts | join('\nunion all\n')) -}}
{%- endmacro %}
