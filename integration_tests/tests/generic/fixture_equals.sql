{% test fixture_equals(model, expected, columns, rows=none) %}
{#- The model (a macro's output on a fixture) holds exactly the rows of `expected` on `columns`,
    as multisets (symmetric EXCEPT ALL; nulls compare equal). `rows`, a predicate, limits both
    sides (e.g. to split off a known discrepancy reported with severity warn). Each failing row
    says on which side it is missing. -#}
with

actual_rows as (
    select {{ columns | join(', ') }} from {{ model }}
    {%- if rows %} where {{ rows }}{% endif %}
),

expected_rows as (
    select {{ columns | join(', ') }} from {{ expected }}
    {%- if rows %} where {{ rows }}{% endif %}
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
