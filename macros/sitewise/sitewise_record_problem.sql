{% macro sitewise_record_problem() -%}
    {#- The WHEN branches that reject a SiteWise raw or metric record for the fields both share
        (seriesId, time, quality); the model adds its own branches after them. -#}
    when series_id is null then 'missing seriesId'
    when time_in_seconds is null then 'missing timeInSeconds'
    when offset_in_nanos is null or offset_in_nanos not between 0 and 999999999
        then 'offsetInNanos outside [0, 1e9): ' || coalesce(offset_in_nanos::varchar, 'null')
    when quality is null then 'missing quality'
    when quality not in ('GOOD', 'BAD', 'UNCERTAIN') then 'unknown quality: ' || quality
{%- endmacro %}
