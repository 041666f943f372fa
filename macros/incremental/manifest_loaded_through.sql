{% macro manifest_loaded_through() -%}
    {#- The loader's high-water mark: the latest staged_at in the manifest. Stored on the rows an
        incremental run builds, so the next run knows which files are new. -#}
    (select max(staged_at) from {{ ref('stg_loader__manifest_files') }})
{%- endmacro %}
