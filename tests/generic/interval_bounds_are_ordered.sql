{% test interval_bounds_are_ordered(model, valid_from='valid_from', valid_to='valid_to', zero_length_allowed=false) %}
{#- valid_from < valid_to (or <= where zero-length intervals are explicitly allowed). -#}
select *
from {{ model }}
where
    {{ valid_from }} is null or {{ valid_to }} is null
    or {{ valid_to }} {{ '<' if zero_length_allowed else '<=' }} {{ valid_from }}
{% endtest %}
