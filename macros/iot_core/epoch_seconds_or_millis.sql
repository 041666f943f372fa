{% macro epoch_seconds_or_millis(epoch) -%}
    {#- An epoch number as a UTC timestamp, in seconds or milliseconds told apart by magnitude:
        1e11 seconds is the year 5138, 1e11 milliseconds March 1973. -#}
    case
        when {{ epoch }} >= 1e11 then make_timestamp(cast(({{ epoch }}) * 1000 as bigint))
        else make_timestamp(cast(({{ epoch }}) * 1000000 as bigint))
    end
{%- endmacro %}
