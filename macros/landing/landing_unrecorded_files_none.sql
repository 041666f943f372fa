{% macro landing_unrecorded_files_none() -%}
    {#- The empty, typed query landing_unrecorded_files returns when there is nothing to list. -#}
    select
        cast(null as string) as local_path,
        cast(null as bigint) as file_rows
    where false
{%- endmacro %}
