{% macro stage_haltian_measurement_rows(measurement_type) -%}
    {#- The incremental table of every row of one measurement type (model
        stg_haltian__<type>_measurement_rows): typed, checked and ranked, one row per file row.
        A full build ranks every row. An incremental run reads only the files the manifest
        staged since the table's high-water mark (landing_new_files), then re-ranks every event
        they touch (haltian_rows_rerank_batch): the events of their valid rows and those the
        replaced files held before (landing_replaced_files: re-delivered or no longer staged
        files), with the copies the table already holds from other files. The strategy `haltian_rows` then deletes the
        replaced files' rows and the touched events' valid rows and inserts this batch, so the
        table equals a full build (the rank is a total order). -#}
    with
    {% if is_incremental() %}
    batch as (
        {{ haltian_rows_rerank_batch(measurement_type) | indent(8) }}
    ),
    {% else %}
    batch as (
        {{ haltian_measurement_rows(measurement_type, ranking='kept') | indent(8) }}
    ),
    {% endif %}

    final as (
        select
            *,
            {{ iot_facts.manifest_loaded_through() }} as loaded_through_at
        from batch
    )

    select * from final
{%- endmacro %}
