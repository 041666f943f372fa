-- The incrementally maintained fct_occupancy_intervals equal a full recompute of the same events
-- (int_occupancy_status_intervals), row for row: checked on every build, full or incremental.
with

maintained as (
    select device_id, valid_from, valid_to, is_occupied, event_count, is_open, is_capped
    from {{ ref('fct_occupancy_intervals') }}
),

full_definition as (
    select
        device_id,
        valid_from,
        valid_to,
        is_occupied,
        cast(event_count as integer) as event_count,
        is_open,
        is_capped
    from {{ ref('int_occupancy_status_intervals') }}
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

select 'only in fct_occupancy_intervals' as difference, * from only_maintained
union all
select 'only in the full definition' as difference, * from only_full
