{% macro sitewise_record_problem(time_column) -%}
    {#- The WHEN branches that reject a SiteWise raw or metric record for the fields both share
        (seriesId, time, quality); the model adds its own branches after them. A time more
        than a day after the file's six-hour window, or more than var max_event_lateness_hours
        before it, is a stray clock, not a late point. -#}
    {%- set lateness_hours = var('max_event_lateness_hours') | int -%}
    when series_id is null then 'missing seriesId'
    when time_in_seconds is null then 'missing timeInSeconds'
    when offset_in_nanos is null or offset_in_nanos not between 0 and 999999999
        then 'offsetInNanos outside [0, 1e9): ' || coalesce(offset_in_nanos::string, 'null')
    when {{ time_column }} is null then 'timeInSeconds out of range: ' || time_in_seconds
    when {{ time_column }} > file_window_start + interval 30 hour
        then 'time more than a day after the file window: ' || {{ time_column }}
    when {{ time_column }} < file_window_start - interval {{ lateness_hours }} hour
        then 'time more than {{ lateness_hours }} hours before the file window: '
            || {{ time_column }}
    when quality is null then 'missing quality'
    when quality not in ('GOOD', 'BAD', 'UNCERTAIN') then 'unknown quality: ' || quality
{%- endmacro %}
