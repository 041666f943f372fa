{% macro get_incremental_device_rebuild_sql(arg_dict) -%}
    {#- Incremental strategy `device_rebuild`: for every partition (config rebuild_key, default
        device_id) present in the new batch, delete the target's rows from the batch's earliest
        `rebuild_from` value on (config rebuild_from, default valid_from), then insert the batch.
        A model using it emits, per affected partition, everything from the point where its
        history has to be recomputed; untouched partitions are not in the batch. -#}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set partition = config.get('rebuild_key', 'device_id') -%}
    {%- set rebuild_from = config.get('rebuild_from', 'valid_from') -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- set scope -%}
        select {{ partition }}, min({{ rebuild_from }}) as rebuild_from
        from {{ source }}
        group by {{ partition }}
    {%- endset -%}
    {{ iot_facts.delete_rows(
        target,
        'existing.' ~ partition ~ ' = scope.' ~ partition
        ~ ' and existing.' ~ rebuild_from ~ ' >= scope.rebuild_from',
        using=scope
    ) }}
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ source }}
{%- endmacro %}
