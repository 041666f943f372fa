{% macro with_placement(relation, time_column) -%}
    {#- Every row of `relation` (which has device_id) with the device's placement (space_id,
        zone_id) valid at `time_column`: an ASOF join on int_device_placements finds the latest
        placement starting at or before it, which only applies while it has not ended (a
        capped or closed placement leaves the time unplaced). -#}
    select
        {{ relation }}.*,
        case
            when {{ relation }}.{{ time_column }} < placements.valid_to then placements.space_id
        end as space_id,
        case
            when {{ relation }}.{{ time_column }} < placements.valid_to then placements.zone_id
        end as zone_id
    from {{ relation }}
    {{ iot_facts.asof_join('left') }} {{ ref('int_device_placements') }} as placements
        on
            {{ relation }}.device_id = placements.device_id
            and {{ relation }}.{{ time_column }} >= placements.valid_from
            {%- if iot_facts.asof_join('left') == 'left join' %}
            {#- no ASOF join: the placement whose span holds the time (placements never overlap
                per device, int_device_placements' tests) #}
            and {{ relation }}.{{ time_column }} < placements.valid_to
            {%- endif %}
{%- endmacro %}
