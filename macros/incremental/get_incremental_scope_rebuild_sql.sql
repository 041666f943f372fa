{% macro get_incremental_scope_rebuild_sql(arg_dict) -%}
    {#- Incremental strategy `scope_rebuild`: delete the target's rows of every key (config
        rebuild_key, default device_id) in the model's recompute scope from its recompute point
        on, then insert the batch. The scope is the macro named by config rebuild_scope, called
        with config rebuild_scope_args, the query the model's SQL used (<key>, recompute_from);
        evaluated here before the delete on the same tables, so both agree. Unlike
        device_rebuild, a scoped key whose rows the recompute no longer produces loses them
        (config rebuild_from: the time column). -#}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set rebuild_from = config.require('rebuild_from') -%}
    {%- set key = config.get('rebuild_key', 'device_id') -%}
    {%- set scope_macro = iot_facts[config.require('rebuild_scope')] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- set scope -%}
        select {{ key }}, min(recompute_from) as recompute_from
        from (
            {{ scope_macro(**config.get('rebuild_scope_args', {})) | indent(12) }}
        ) as scoped
        group by {{ key }}
    {%- endset -%}
    {{ iot_facts.delete_rows(
        target,
        'existing.' ~ key ~ ' = scope.' ~ key
        ~ ' and existing.' ~ rebuild_from ~ ' >= scope.recompute_from',
        using=scope
    ) }}
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ source }}
{%- endmacro %}
