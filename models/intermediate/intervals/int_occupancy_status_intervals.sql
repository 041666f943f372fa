{#- The full recompute the incremental fact is checked against (rows_equal): the same runs,
    cut where the device's placement changes. -#}
with

intervals as (
    {{ state_intervals('stg_haltian__occupancy_status_measurements', 'occupancy_status', ['is_occupied']) | indent(4) }}
),

pieces as (
    {{ split_at_placements('intervals', ref('int_device_placements')) | indent(4) }}
)

select * from pieces
