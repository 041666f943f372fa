{% macro raw_as_text(raw_names, alias='raw', prefix='') -%}
    coalesce({%- for name in raw_names %}cast({{ alias }}.{{ adapter.quote(prefix ~ name) }} as string){{ ", " if not loop.last }}{% endfor -%}, '')
{%- endmacro %}
