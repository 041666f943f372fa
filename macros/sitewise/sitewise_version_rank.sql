{% macro sitewise_version_rank(point_key) -%}
    {#- 1 for the kept version of a SiteWise point (`point_key`: the columns that identify it):
        the highest recordVersion (null lowest), then the later file window, then the later
        record; null for a rejected row. -#}
    case when reject_reason is null then row_number() over (
        partition by reject_reason is null, {{ point_key | join(', ') }}
        order by
            record_version desc nulls last,
            file_window_start desc,
            source_file desc,
            source_row_number desc
    ) end
{%- endmacro %}
