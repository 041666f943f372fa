{% macro get_incremental_haltian_rows_sql(arg_dict) -%}
    {#- Incremental strategy `haltian_rows` of the measurement rows tables (config
        measurement_type): delete the rows of the replaced files (haltian_replaced_files,
        judged against the table before this run) and the valid rows of every event the batch
        re-ranked, then insert the batch. -#}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set batch = arg_dict['temp_relation'] -%}
    {%- set measurement_type = config.require('measurement_type') -%}
    {%- set keys = haltian_event_keys(measurement_type) -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target }}
    where source_file in (
        {{ haltian_replaced_files(measurement_type, target) | indent(8) }}
    );

    delete from {{ target }} as built
    using (
        select distinct {{ keys | join(', ') }} from {{ batch }} where reject_reason is null
    ) as touched
    where
        built.reject_reason is null
        {%- for k in keys %}
        and built.{{ k }} is not distinct from touched.{{ k }}
        {%- endfor %};

    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ batch }}
{%- endmacro %}
