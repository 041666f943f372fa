{% macro coalesce_typed(data_type, raw_names, alias='raw') -%}
    {#- First non-null of several raw names (legacy and v1 spellings), each cast on its own so
        differently typed spellings never need a common type. -#}
    {%- if raw_names | length == 1 -%}
        {{ typed_value(data_type, alias ~ '.' ~ adapter.quote(raw_names[0])) }}
    {%- else -%}
        coalesce(
        {%- for name in raw_names %}
            {{ typed_value(data_type, alias ~ '.' ~ adapter.quote(name)) }}{{ "," if not loop.last }}
        {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}
