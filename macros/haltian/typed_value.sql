{% macro typed_value(data_type, expression) -%}
    {#- Cast a raw export value to its canonical type, strictly: anything that does not convert
        exactly becomes NULL (and is then rejected with a reason), never silently text.
        timestamp: UTC, normalized to millisecond precision. boolean: true/false/1/0 only.
        bigint: integral values only. double: any number (decimal, float, numeric text). -#}
    {%- if data_type == 'timestamp' -%}
        date_trunc('millisecond', cast(try_cast({{ expression }} as {{ iot_facts.type_timestamptz() }}) as timestamp))
    {%- elif data_type == 'boolean' -%}
        case try_cast({{ expression }} as double)
            when 1 then true
            when 0 then false
            else case when try_cast({{ expression }} as double) is null
                then try_cast(cast({{ expression }} as string) as boolean) end
        end
    {%- elif data_type == 'bigint' -%}
        case when try_cast({{ expression }} as double) = floor(try_cast({{ expression }} as double))
            then try_cast(try_cast({{ expression }} as double) as bigint) end
    {%- elif data_type == 'double' -%}
        try_cast({{ expression }} as double)
    {%- else -%}
        cast({{ expression }} as string)
    {%- endif -%}
{%- endmacro %}
