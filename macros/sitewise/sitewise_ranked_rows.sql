{% macro sitewise_ranked_rows(checked, dataset, rank_keys, time_column) -%}
    {#- The end of a SiteWise rows table (strategy landing_rows): the rows of `checked` (typed,
        with reject_reason) ranked per point (`rank_keys`) by sitewise_version_rank, stamped
        with the manifest high-water mark. On an incremental run the rank also sees the
        versions the table already holds of the touched points
        (landing_rows_rerank_candidates). -#}
    with

    {% if is_incremental() -%}
    candidates as (
        {{ iot_facts.landing_rows_rerank_candidates(
            checked, dataset, rank_keys, time_column, ['version_rank']
        ) | indent(8) }}
    ),
    {%- else %}
    candidates as (
        select * from {{ checked }}
    ),
    {%- endif %}

    ranked as (
        select
            *,
            {{ iot_facts.sitewise_version_rank(rank_keys) }} as version_rank
        from candidates
    )

    select
        *,
        {{ iot_facts.manifest_loaded_through() }} as loaded_through_at
    from ranked
{%- endmacro %}
