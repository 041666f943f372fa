{% macro epoch_seconds_or_millis(epoch) -%}
    {#- An epoch number as a UTC timestamp, in seconds or milliseconds told apart by magnitude
        (1e11 seconds is the year 5138, 1e11 milliseconds March 1973); null for anything else
        (negative, microseconds, nanoseconds), which staging rejects: a plain cast of such a
        value would overflow and stop the build. -#}
    case
        when {{ epoch }} >= 0 and {{ epoch }} < 1e11
            then make_timestamp(cast(({{ epoch }}) * 1000000 as bigint))
        when {{ epoch }} >= 1e11 and {{ epoch }} < 1e14
            then make_timestamp(cast(({{ epoch }}) * 1000 as bigint))
    end
{%- endmacro %}
