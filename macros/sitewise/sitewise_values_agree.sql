{% macro sitewise_values_agree(left, right, tolerance) -%}
    {#- Two statistics agree: both null, or within `tolerance` relative to the larger
        magnitude (plus 1e-9 absolute, for values near zero); one null is a disagreement
        (false, never null). -#}
    coalesce(
        ({{ left }} is null and {{ right }} is null)
        or abs({{ left }} - {{ right }})
        <= 1e-9 + {{ tolerance }} * greatest(abs({{ left }}), abs({{ right }})),
        false
    )
{%- endmacro %}
