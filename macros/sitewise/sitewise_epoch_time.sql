{% macro sitewise_epoch_time(seconds, nanos) -%}
    {#- timeInSeconds + offsetInNanos as a UTC timestamp with microsecond precision (DuckDB's
        finest; the nanoseconds below a microsecond are dropped). -#}
    make_timestamp(cast({{ seconds }} as bigint) * 1000000 + cast({{ nanos }} as bigint) // 1000)
{%- endmacro %}
