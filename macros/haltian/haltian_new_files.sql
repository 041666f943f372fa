{% macro haltian_new_files(measurement_type) -%}
    {#- {family: [local paths]} of the files an incremental run of a measurement rows table
        reads: those of landing_replaced_files that are still staged `ok` (a run-time query,
        so the model can name them in read_parquet). Empty lists outside execution. -#}
    {%- set files = {'legacy': [], 'v1': []} -%}
    {%- if execute -%}
        {%- set query -%}
            select manifest.family, manifest.local_path
            from {{ ref('stg_loader__manifest_files') }} as manifest
            where
                manifest.status = 'ok'
                and manifest.local_path in (
                    {{ iot_facts.landing_replaced_files(measurement_type, this) | indent(20) }}
                )
            order by manifest.local_path
        {%- endset -%}
        {%- for row in run_query(query).rows -%}
            {%- do files.setdefault(row[0], []).append(row[1]) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(files) }}
{%- endmacro %}
