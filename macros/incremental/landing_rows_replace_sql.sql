{% macro landing_rows_replace_sql(arg_dict, dataset, keys) -%}
    {#- The statements of the rows-table strategies (haltian_rows, landing_rows): delete the rows
        of the replaced files (landing_replaced_files, judged against the table before this
        run) and the valid rows of every point the batch re-ranked (`keys`: the columns
        identifying a point whose copies are ranked; none for an unranked table), then insert
        the batch. -#}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set batch = arg_dict['temp_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- set replaced -%}
        existing.source_file in (
            {{ iot_facts.landing_replaced_files(dataset, target) | indent(12) }}
        )
    {%- endset -%}
    {{ iot_facts.delete_rows(target, replaced) }}
    {%- if keys %}
    {%- set touched = [] %}
    {%- for k in keys %}
    {%- do touched.append('existing.' ~ k ~ ' is not distinct from scope.' ~ k) %}
    {%- endfor %}
    {{ iot_facts.delete_rows(
        target,
        'existing.reject_reason is null and ' ~ touched | join(' and '),
        using='select distinct ' ~ keys | join(', ') ~ ' from ' ~ batch
            ~ ' where reject_reason is null'
    ) }}
    {%- endif %}
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ batch }}
{%- endmacro %}
