{% macro landing_new_files(dataset) -%}
    {#- [local paths] of the files an incremental run of a rows table (in {{ this }}) reads:
        those of landing_replaced_files that are still staged `ok` (a run-time query, so the
        model can name them in read_parquet). Empty outside execution. -#}
    {%- set files = [] -%}
    {%- if execute -%}
        {%- set query -%}
            select manifest.local_path
            from {{ ref('stg_loader__manifest_files') }} as manifest
            where
                manifest.status = 'ok'
                and manifest.local_path in (
                    {{ iot_facts.landing_replaced_files(dataset, this) | indent(20) }}
                )
            order by manifest.local_path
        {%- endset -%}
        {%- for row in run_query(query).rows -%}
            {%- do files.append(row[0]) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(files) }}
{%- endmacro %}
