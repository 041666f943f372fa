{% test primary_key(model, columns) %}
{#- The columns are never null and their combination is unique. -#}
select
    {{ columns | join(', ') }},
    count(*) as n_rows
from {{ model }}
group by all
having
    count(*) > 1
    {%- for column in columns %}
    or bool_or({{ column }} is null)
    {%- endfor %}
{% endtest %}
