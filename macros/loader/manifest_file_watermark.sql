{% macro manifest_file_watermark() -%}
    {#- How far one staged file (a manifest row) vouches for its feed: the end of its window,
        but never past the time the object was written (S3 last_modified). A Firehose object
        lands in its hour's folder while the hour runs, and a file written before its window
        closed says nothing about the rest of it. Every watermark over the manifest takes its
        files' values through this macro, so full and incremental builds agree. -#}
    least(window_end, coalesce(last_modified_at, window_end))
{%- endmacro %}
