{% macro number_text(number) -%}
    {#- A double as the same text on every engine, for messages: below 1e9 up to 6 decimals
        without trailing zeros (95, 95.5, -0.25; at most 15 digits, so the binary value and
        Spark's shortest decimal round alike), from 1e9 scientific with 7 digits
        (1.791172e+18), and NaN, Infinity, -Infinity. A plain cast differs by engine (DuckDB
        1.7e+18 and nan, Spark 1.7E18 and NaN); null stays null. -#}
    {#- null first: Spark's printf writes a null as 'null' -#}
    case
        when {{ number }} is null then cast(null as string)
        when isnan({{ number }}) then 'NaN'
        when {{ number }} = cast('infinity' as double) then 'Infinity'
        when {{ number }} = cast('-infinity' as double) then '-Infinity'
        when abs({{ number }}) < 1e9
            then regexp_replace(
                regexp_replace(cast(cast({{ number }} as decimal(38, 6)) as string), '0+$', ''),
                '[.]$',
                ''
            )
        else printf('%.6e', {{ number }})
    end
{%- endmacro %}
