{% macro area_occupancy_hourly(area_column, placement_column, area_map, rebuild_from=none) -%}
    {#- Hourly occupancy of an area (zone or space) from the placed occupancy intervals of
        physical devices. Device groups are excluded, so members are never counted twice (the
        groups' own rows are in fct_device_occupancy_hourly). `area_map` is a query returning
        (placement_key, area_id, valid_from, valid_to): which areas a device placed at
        `placement_column` counts in and when, e.g. a space and all its ancestors as the tree
        was (valid_to null = open); an hour counts where the mapping held at its start.
        peak_occupants is exact: the maximum over the hour of the summed occupants counts of
        the area's devices (peak_concurrent_sum).
        `rebuild_from` (a scalar query; incremental runs): only the hours from it on, from the
        intervals still running then.
        Longer than the ~60-line guide: two measures of the same area-hours (utilization and
        peak) joined at the end; each CTE is one short step. -#}
    {%- set since = 'true' if rebuild_from is none else 'valid_to > ' ~ rebuild_from %}
    {%- set in_scope = 'true' if rebuild_from is none else 'bucket_start >= ' ~ rebuild_from %}
    with

    intervals as (
        select * from {{ ref('fct_occupancy_intervals') }}
        where {{ since }}
    ),

    occupants as (
        select * from {{ ref('fct_occupants_count_intervals') }}
        where {{ since }}
    ),

    devices as (
        select device_id from {{ ref('dim_devices') }} where not is_device_group
    ),

    area_map as (
        {{ area_map | indent(8) }}
    ),

    all_occupancy_pieces as (
        {{ iot_facts.split_intervals('intervals', 'hour') | indent(8) }}
    ),

    occupancy_pieces as (
        select * from all_occupancy_pieces
        where {{ in_scope }}
    ),

    occupancy_hourly as (
        select
            area_map.area_id as {{ area_column }},
            occupancy_pieces.bucket_start as hour_start,
            count(distinct occupancy_pieces.device_id) as devices_observed,
            coalesce(sum(occupancy_pieces.bucket_milliseconds)
                filter (where occupancy_pieces.is_occupied), 0) / 1e3 as occupied_seconds,
            sum(occupancy_pieces.bucket_milliseconds) / 1e3 as observed_seconds
        from occupancy_pieces
        inner join devices on occupancy_pieces.device_id = devices.device_id
        inner join area_map
            on
                occupancy_pieces.{{ placement_column }} = area_map.placement_key
                and occupancy_pieces.bucket_start >= area_map.valid_from
                and occupancy_pieces.bucket_start
                < coalesce(area_map.valid_to, {{ iot_facts.ts_infinity() }})
        group by all
    ),

    all_occupant_pieces as (
        {{ iot_facts.split_intervals('occupants', 'hour') | indent(8) }}
    ),

    occupant_pieces as (
        select * from all_occupant_pieces
        where {{ in_scope }}
    ),

    occupant_area_pieces as (
        select
            area_map.area_id,
            occupant_pieces.bucket_start,
            greatest(occupant_pieces.valid_from, occupant_pieces.bucket_start) as piece_from,
            least(occupant_pieces.valid_to, occupant_pieces.bucket_start + interval 1 hour)
                as piece_to,
            occupant_pieces.occupants_count
        from occupant_pieces
        inner join devices on occupant_pieces.device_id = devices.device_id
        inner join area_map
            on
                occupant_pieces.{{ placement_column }} = area_map.placement_key
                and occupant_pieces.bucket_start >= area_map.valid_from
                and occupant_pieces.bucket_start
                < coalesce(area_map.valid_to, {{ iot_facts.ts_infinity() }})
    ),

    occupant_peaks as (
        {{ iot_facts.peak_concurrent_sum(
            'occupant_area_pieces', ['area_id', 'bucket_start'], 'occupants_count',
            'piece_from', 'piece_to'
        ) | indent(8) }}
    ),

    final as (
        select
            occupancy_hourly.{{ area_column }},
            occupancy_hourly.hour_start,
            cast(occupancy_hourly.devices_observed as integer) as devices_observed,
            occupancy_hourly.occupied_seconds,
            occupancy_hourly.observed_seconds,
            occupancy_hourly.occupied_seconds / occupancy_hourly.observed_seconds
                as utilization_ratio,
            cast(occupant_peaks.peak as bigint) as peak_occupants,
            {{ iot_facts.local_time_columns('occupancy_hourly.hour_start') | indent(12) }}
        from occupancy_hourly
        left join occupant_peaks
            on
                occupancy_hourly.{{ area_column }} = occupant_peaks.area_id
                and occupancy_hourly.hour_start = occupant_peaks.bucket_start
    )

    select * from final
{%- endmacro %}
