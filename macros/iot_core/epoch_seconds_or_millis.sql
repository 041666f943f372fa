{% macro epoch_seconds_or_millis(epoch) -%}
    {#- An epoch number as a UTC timestamp, in seconds or milliseconds told apart by magnitude
        (1e11 seconds is the year 5138, 1e11 milliseconds March 1973); null for anything else
        (negative, microseconds, nanoseconds), which staging rejects: a plain cast of such a
        value would overflow and stop the build. -#}
    {#- whole units and the fraction are scaled apart: a double past 2^53 microseconds (the
        year 2255) would lose the last digits if multiplied whole -#}
    case
        when {{ epoch }} >= 0 and {{ epoch }} < 1e11
            then {{ iot_facts.timestamp_from_micros(
                'cast(floor(' ~ epoch ~ ') as bigint) * 1000000'
                ~ ' + cast(round((' ~ epoch ~ ' - floor(' ~ epoch ~ ')) * 1000000) as bigint)'
            ) }}
        when {{ epoch }} >= 1e11 and {{ epoch }} < 1e14
            then {{ iot_facts.timestamp_from_micros(
                'cast(floor(' ~ epoch ~ ') as bigint) * 1000'
                ~ ' + cast(round((' ~ epoch ~ ' - floor(' ~ epoch ~ ')) * 1000) as bigint)'
            ) }}
    end
{%- endmacro %}
