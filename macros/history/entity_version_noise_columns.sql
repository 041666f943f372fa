{% macro entity_version_noise_columns() -%}
    {#- Entity columns that change without the entity changing, so they never open a new
        version (entity_versions): the row's own timestamps, and the device's last contact
        and a group's last occupancy reset. -#}
    {{ return(['created_at', 'updated_at', 'last_seen_at', 'last_occupancy_reset_at']) }}
{%- endmacro %}
