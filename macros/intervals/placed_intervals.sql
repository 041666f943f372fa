{% macro placed_intervals(intervals_model, value_columns) -%}
    {#- An interval model with the device's placement (space_id, zone_id) valid at each
        interval's valid_from, via an ASOF join on int_device_placements. -#}
    with

    intervals as (
        select * from {{ ref(intervals_model) }}
    ),

    placements as (
        select * from {{ ref('int_device_placements') }}
    ),

    placed as (
        select
            intervals.*,
            placements.space_id,
            placements.zone_id
        from intervals
        asof left join placements
            on
                intervals.device_id = placements.device_id
                and intervals.valid_from >= placements.valid_from
    ),

    final as (
        select
            device_id,
            valid_from,
            valid_to,
            {%- for c in value_columns %}
            {{ c }},
            {%- endfor %}
            duration_seconds,
            cast(event_count as integer) as event_count,
            is_open,
            is_capped,
            space_id,
            zone_id
        from placed
    )

    select * from final
{%- endmacro %}
