{% macro get_incremental_time_rebuild_sql(arg_dict) -%}
    {#- Incremental strategy `time_rebuild` of the roll-ups over incremental facts: delete the
        target's rows from the rebuild point on (config rebuild_from: the time column), then
        insert the batch. The point is rollup_rebuild_scope's rebuild_from with the model's config
        (rebuild_upstreams, rebuild_entity_inputs), evaluated here before the delete on the
        same tables the model's query read, so both agree. Unlike device_rebuild the delete does
        not depend on what the batch holds: rows the recompute no longer produces go too. -#}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- set deleted -%}
        existing.{{ config.get('rebuild_from') }} >= (
            select rebuild_scope.rebuild_from
            from (
                {{ iot_facts.rollup_rebuild_scope(
                    config.get('rebuild_upstreams'), config.get('rebuild_entity_inputs')
                ) | indent(16) }}
            ) as rebuild_scope
        )
    {%- endset -%}
    {{ iot_facts.delete_rows(target, deleted) }}
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ source }}
{%- endmacro %}
