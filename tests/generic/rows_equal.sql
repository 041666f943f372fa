{% test rows_equal(model, compare_to, columns) %}
{#- `model` and `compare_to` hold the same rows (as multisets) on `columns`: e.g. an
    incrementally maintained fact and the full recompute it must equal. -#}
with
maintained as (select {{ columns | join(', ') }} from {{ model }}),
reference as (select {{ columns | join(', ') }} from {{ compare_to }}),
only_in_model as (select * from maintained except all select * from reference),
only_in_reference as (select * from reference except all select * from maintained)
select 'only in the model' as difference, * from only_in_model
union all
select 'only in compare_to' as difference, * from only_in_reference
{% endtest %}
