{% macro sitewise_epoch_time(seconds, nanos) -%}
    {#- timeInSeconds + offsetInNanos as a UTC timestamp with microsecond precision (DuckDB's
        finest; the nanoseconds below a microsecond are dropped); null outside the years
        1900-2999 or with an offset outside [0, 1e9), which staging rejects (a plain cast would
        overflow and stop the build). -#}
    case
        when
            {{ seconds }} >= -2208988800 and {{ seconds }} < 32503680000
            and {{ nanos }} between 0 and 999999999
            then {{ iot_facts.timestamp_from_micros(
                'cast(' ~ seconds ~ ' as bigint) * 1000000 + '
                ~ iot_facts.integer_divide('cast(' ~ nanos ~ ' as bigint)', '1000')
            ) }}
    end
{%- endmacro %}
