{% macro landing_new_files(dataset, by_family=false) -%}
    {#- The local paths of the files an incremental run of a rows table (in {{ this }}) reads:
        those of landing_replaced_files that are still staged `ok` (a run-time query, so the
        model can name them in its reader), as [paths], or {family: [paths]} with `by_family`
        (the Haltian exporters, legacy and v1, read separately). Empty outside execution. -#}
    {%- set files = {'legacy': [], 'v1': []} if by_family else [] -%}
    {%- if execute -%}
        {%- set query -%}
            select manifest.family, manifest.local_path
            from {{ ref('stg_loader__manifest_files') }} as manifest
            where
                manifest.status = 'ok'
                and manifest.local_path in (
                    {{ iot_facts.landing_replaced_files(dataset, this) | indent(20) }}
                )
            order by manifest.local_path
        {%- endset -%}
        {%- for row in run_query(query).rows -%}
            {%- if by_family -%}
                {%- do files.setdefault(row[0], []).append(row[1]) -%}
            {%- else -%}
                {%- do files.append(row[1]) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(files) }}
{%- endmacro %}
