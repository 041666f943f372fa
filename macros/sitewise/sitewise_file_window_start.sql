{% macro sitewise_file_window_start(source_file) -%}
    {#- The window start a raw_/agg_ file name states ({timeSeriesId}_{startEpoch}_{quality}),
        as epoch seconds: the later window wins between re-sent records of equal version. -#}
    cast(regexp_extract({{ source_file }}, '_([0-9]+)_[A-Z]+\.avro\.parquet$', 1) as bigint)
{%- endmacro %}
