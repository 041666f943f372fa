{% macro raw_is_present(raw_names, alias='raw', prefix='') -%}
    ({%- for name in raw_names %}{{ alias }}.{{ adapter.quote(prefix ~ name) }} is not null{{ " or " if not loop.last }}{% endfor -%})
{%- endmacro %}
