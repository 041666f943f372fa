{% macro spark_drop_emptied_partitions(relation, kept, partitions, touched) -%}
    {#- Spark, after a dynamic partition overwrite with the `kept` rows: drop the `touched`
        partitions (rows: any_row, then the partition values) that kept no row, since the
        overwrite replaces only partitions it writes to. Partition values must not be null
        (a null partition cannot be named in a drop). -#}
    {%- set remaining = [] -%}
    {%- for row in run_query('select distinct ' ~ partitions | join(', ') ~ ' from ' ~ kept) -%}
        {%- do remaining.append(row.values() | list) -%}
    {%- endfor -%}
    {%- for row in touched.rows -%}
        {%- set values = row.values()[1:] -%}
        {%- if (values | list) not in remaining -%}
            {%- set spec = [] -%}
            {%- for column in partitions -%}
                {%- if values[loop.index0] is none -%}
                    {{ exceptions.raise_compiler_error(
                        relation ~ ': partition column ' ~ column ~ ' is null in rows to delete'
                    ) }}
                {%- endif -%}
                {%- do spec.append(column ~ " = '" ~ (values[loop.index0] | string | replace("'", "\\'")) ~ "'") -%}
            {%- endfor -%}
            {%- do run_query(
                'alter table ' ~ relation ~ ' drop if exists partition (' ~ spec | join(', ') ~ ')'
            ) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
