{#- Deleted devices stay (is_deleted, as their last version showed them), so the facts they
    left still join. -#}

{% set current_rows -%}
    select
        * {{ iot_facts.exclude_keyword() }} (snapshot_at, exporter, source_file),
        false as is_deleted,
        cast(null as timestamp) as deleted_at
    from {{ ref('int_devices_current') }}
{%- endset -%}

{%- set deleted_rows -%}
    select
        * {{ iot_facts.exclude_keyword() }} (
            version_number, valid_from, valid_to, is_current, is_deleted, exporter
        ),
        true as is_deleted,
        valid_to as deleted_at
    from {{ ref('int_devices_versions') }}
    where device_id not in (
        select current_ids.device_id from {{ ref('int_devices_current') }} as current_ids
    )
    qualify row_number() over (partition by device_id order by valid_from desc) = 1
{%- endset %}

with

devices as (
    {{ iot_facts.union_all_by_name([current_rows, deleted_rows]) | indent(4) }}
),

device_groups as (
    select * from {{ ref('int_device_groups_current') }}
),

group_members as (
    select * from {{ ref('int_device_group_devices_current') }}
),

keywords as (
    select * from {{ ref('int_device_keywords_current') }}
),

placements as (
    select * from {{ ref('int_device_placements') }}
),

activity as (
    select * from {{ ref('int_device_measurement_activity') }}
),

member_counts as (
    select
        device_group_id,
        count(distinct device_id) as group_member_count
    from group_members
    group by all
),

keyword_lists as (
    select
        device_id,
        {{ iot_facts.sorted_distinct_list('keyword') }} as keywords
    from keywords
    group by all
),

current_placements as (
    select
        device_id,
        {{ iot_facts.arg_max_nonnull('space_id', 'valid_from') }} as space_id,
        {{ iot_facts.arg_max_nonnull('zone_id', 'valid_from') }} as zone_id,
        {{ iot_facts.arg_max_nonnull('placement_source', 'valid_from') }} as placement_source
    from placements
    group by all
),

device_activity as (
    select
        device_id,
        min(first_measured_at) as first_measured_at,
        max(last_measured_at) as last_measured_at,
        {{ iot_facts.sorted_distinct_list('unnested.exporter') }} as exporters
    from activity
    {{ iot_facts.unnest_join('activity.exporters', 'unnested', 'exporter') }}
    group by all
),

final as (
    select
        devices.device_id,
        coalesce(devices.device_name, device_groups.device_group_name) as device_name,
        devices.model_type,
        device_groups.device_group_id is not null
        or devices.model_type = 'com.haltian.device-group' as is_device_group,
        cast(coalesce(member_counts.group_member_count, 0) as integer) as group_member_count,
        coalesce(keyword_lists.keywords, {{ iot_facts.empty_string_list() }}) as keywords,
        current_placements.space_id,
        current_placements.zone_id,
        current_placements.placement_source,
        devices.organization_id,
        device_activity.first_measured_at,
        device_activity.last_measured_at,
        -- seen = the later of the last staged event and the platform's lastSeen, which the
        -- snapshot only refreshes when the entity is exported (often a day behind the events)
        greatest(device_activity.last_measured_at, devices.last_seen_at) as last_seen_at,
        devices.last_seen_at as platform_last_seen_at,
        coalesce(device_activity.exporters, {{ iot_facts.empty_string_list() }}) as exporters,
        devices.is_deleted,
        devices.deleted_at
    from devices
    left join device_groups on devices.device_id = device_groups.device_group_id
    left join member_counts on devices.device_id = member_counts.device_group_id
    left join keyword_lists on devices.device_id = keyword_lists.device_id
    left join current_placements on devices.device_id = current_placements.device_id
    left join device_activity on devices.device_id = device_activity.device_id
)

select * from final
