{% macro get_incremental_landing_rows_sql(arg_dict) -%}
    {#- Incremental strategy `landing_rows` of a rows table read from landing files (config
        landing_dataset: the manifest dataset; rank_keys: the columns identifying a point whose
        copies are ranked, e.g. a SiteWise series and time): landing_rows_replace_sql. -#}
    {{ iot_facts.landing_rows_replace_sql(
        arg_dict, config.require('landing_dataset'), config.require('rank_keys')
    ) }}
{%- endmacro %}
