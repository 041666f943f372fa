{% macro raw_columns_template(raw_names) -%}
    {#- A zero-row relation with every known raw column, NULL-typed. Unioned BY NAME with the
        files it supplies the columns (`where false`, not `limit 0`, which would bind to the
        whole union) an older or newer schema lacks, without changing types. -#}
    select
    {%- for name in raw_names | unique %}
        null as {{ adapter.quote(name) }},
    {%- endfor %}
        null::string as filename,
        null::bigint as file_row_number
    where false
{%- endmacro %}
