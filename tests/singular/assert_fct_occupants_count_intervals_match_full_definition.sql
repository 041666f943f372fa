-- The incrementally maintained fct_occupants_count_intervals equal a full recompute of the same events
-- (int_occupants_count_intervals), row for row: checked on every build, full or incremental.
with

maintained as (
    select device_id, valid_from, valid_to, occupants_count, event_count, is_open, is_capped
    from {{ ref('fct_occupants_count_intervals') }}
),

full_definition as (
    select
        device_id,
        valid_from,
        valid_to,
        occupants_count,
        cast(event_count as integer) as event_count,
        is_open,
        is_capped
    from {{ ref('int_occupants_count_intervals') }}
),

only_maintained as (
    select * from maintained
    except all
    select * from full_definition
),

only_full as (
    select * from full_definition
    except all
    select * from maintained
)

select 'only in fct_occupants_count_intervals' as difference, * from only_maintained
union all
select 'only in the full definition' as difference, * from only_full
