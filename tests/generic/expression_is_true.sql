{% test expression_is_true(model, expression, column_name=none) %}
{#- Every row satisfies `expression`. -#}
select * from {{ model }} where not ({{ expression }})
{% endtest %}
