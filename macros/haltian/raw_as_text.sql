{% macro raw_as_text(raw_names, alias='raw', prefix='') -%}
    coalesce({%- for name in raw_names %}cast({{ alias }}."{{ prefix ~ name }}" as varchar){{ ", " if not loop.last }}{% endfor -%}, '')
{%- endmacro %}
