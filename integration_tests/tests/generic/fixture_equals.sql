{% test fixture_equals(model, expected, columns) %}
{#- The model (a macro's output on a fixture) holds exactly the rows of `expected` on `columns`,
    as multisets (symmetric EXCEPT ALL; nulls compare equal). Each failing row says which side
    it is missing from. -#}
with

actual_rows as (
    select {{ columns | join(', ') }} from {{ model }}
),

expected_rows as (
    select {{ columns | join(', ') }} from {{ expected }}
),

missing as (
    select * from expected_rows
    except all
    select * from actual_rows
),

unexpected as (
    select * from actual_rows
    except all
    select * from expected_rows
)

select 'expected, but the macro did not produce it' as fixture_difference, * from missing
union all
select 'produced by the macro, but not expected' as fixture_difference, * from unexpected
{% endtest %}
