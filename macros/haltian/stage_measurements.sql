{% macro _raw_names(row, family) -%}
    {#- The spellings to look for in one exporter's files: its own name first, then the other
        exporter's (renames have been seen in both directions during migrations). -#}
    {%- set own = row[family ~ '_column'] -%}
    {%- set other = row[('v1' if family == 'legacy' else 'legacy') ~ '_column'] -%}
    {%- set names = [] -%}
    {%- for name in [own, other] if name and name not in names -%}{%- do names.append(name) -%}{%- endfor -%}
    {{ return(names) }}
{%- endmacro %}


{% macro _families(rows) -%}
    {%- set families = [] -%}
    {%- for family in ['legacy', 'v1'] -%}
        {%- for row in rows if row[family ~ '_column'] and family not in families -%}
            {%- do families.append(family) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(families) }}
{%- endmacro %}


{% macro physical_range_violated(column) -%}
    {#- True when a typed value lies outside the seed's physical range (min_value, max_value;
        either may be empty = unbounded). -#}
    {%- set checks = [] -%}
    {%- if column['min_value'] is not none -%}
        {%- do checks.append(column['value_name'] ~ ' < ' ~ column['min_value']) -%}
    {%- endif -%}
    {%- if column['max_value'] is not none -%}
        {%- do checks.append(column['value_name'] ~ ' > ' ~ column['max_value']) -%}
    {%- endif -%}
    ({{ checks | join(' or ') }})
{%- endmacro %}


{% macro physical_range_text(column) -%}
    {%- set low = '-inf' if column['min_value'] is none else '%g' | format(column['min_value']) -%}
    {%- set high = 'inf' if column['max_value'] is none else '%g' | format(column['max_value']) -%}
    [{{ low }}, {{ high }}]
{%- endmacro %}


{% macro haltian_measurement_rows(measurement_type, ranking='rank') -%}
    {#- Every row of one measurement type from both exporters, typed to canonical columns, with
        `reject_reason` (null when the row is valid) and, with ranking 'rank' or 'kept',
        `duplicate_rank` (1 = the kept copy of an event: v1 over legacy, then the file with the
        latest window end, then the values in order; copies of one window under two paths hold
        the same rows, and which path is recorded as kept is unspecified); with 'kept' also
        `kept_source_file`. The rank is skipped when not needed: it is the costliest step.
        Feeds the staging model, the rejects and the duplicates, so all three agree by
        construction. Files named outside the export layout are not read (see below). -#}
    {%- set columns = measurement_value_columns(measurement_type) -%}
    {%- if execute and columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("unknown measurement type " ~ measurement_type) }}
    {%- endif -%}
    {%- set folder = columns[0]['folder'] if columns else 'unknown' -%}
    {%- set keys = columns | selectattr('is_key') | map(attribute='value_name') | list -%}
    {%- set time_names = ['measuredAt', 'ts'] -%}
    {%- set lateness_hours = var('max_event_lateness_hours') | int -%}
    with
    {% for family in _families(columns) %}
    {%- set raw_names = ['deviceId', 'organizationId'] + time_names -%}
    {%- for c in columns %}{% do raw_names.extend(_raw_names(c, family)) %}{% endfor %}
    {{ family }}_files as (
        {{ haltian_family_files(family, folder, raw_names) | indent(8) }}
    ),

    {{ family }}_typed as (
        select
            '{{ family }}' as exporter,
            {{ 0 if family == 'v1' else 1 }} as exporter_preference,
            replace(raw.filename, '{{ landing_root() }}/', '') as source_file,
            raw.file_row_number as source_row_number,
            raw.file_window_start,
            raw.file_window_end,
            coalesce(
                {{ typed_value('varchar', 'raw."organizationId"') }}, raw.file_organization_id
            ) as organization_id,
            nullif(trim({{ typed_value('varchar', 'raw."deviceId"') }}), '') as device_id,
            {{ coalesce_typed('timestamp', time_names) }} as measured_at,
            {%- for c in columns %}
            {{ coalesce_typed(c['data_type'], _raw_names(c, family)) }} as {{ c['value_name'] }},
            {%- endfor %}
            {%- for name in raw_names | unique %}
            raw."{{ name }}" as "raw__{{ name }}"{{ "," if not loop.last }}
            {%- endfor %}
        from {{ family }}_files as raw
    ),

    {{ family }}_checked as (
        select
            *,
            case
                when device_id is null then 'missing device_id'
                when not {{ raw_is_present(time_names, 'typed', 'raw__') }}
                    then 'missing measured_at'
                when measured_at is null
                    then 'unparseable measured_at: ' || {{ raw_as_text(time_names, 'typed', 'raw__') }}
                when measured_at < timestamp '2000-01-01'
                    then 'measured_at before 2000: ' || measured_at
                when measured_at > file_window_end + interval 1 day
                    then 'measured_at more than a day after the file window: ' || measured_at
                when measured_at < file_window_start - interval {{ lateness_hours }} hour
                    then 'measured_at more than {{ lateness_hours }} hours before the file window: '
                        || measured_at
                {%- for c in columns %}
                {%- set names = _raw_names(c, family) %}
                when {{ raw_is_present(names, 'typed', 'raw__') }} and {{ c['value_name'] }} is null
                    then 'unparseable {{ c["value_name"] }}: ' || {{ raw_as_text(names, 'typed', 'raw__') }}
                {%- if not c['is_nullable'] %}
                when {{ c['value_name'] }} is null then 'missing {{ c["value_name"] }}'
                {%- endif %}
                {%- if c['data_type'] == 'double' %}
                when not isfinite({{ c['value_name'] }})
                    then 'non-finite {{ c["value_name"] }}: ' || {{ c['value_name'] }}
                {%- endif %}
                {%- if c['min_value'] is not none or c['max_value'] is not none %}
                when {{ physical_range_violated(c) }}
                    then '{{ c["value_name"] }} outside its physical range {{ physical_range_text(c) }}: '
                        || {{ c['value_name'] }}
                {%- endif %}
                {%- endfor %}
            end as reject_reason
        from {{ family }}_typed as typed
        {#- A file named outside the export layout (no window in its name) is not an export
            file: the loader records it in the manifest as unknown_entity, with the reason, and
            it is not read (staged_landing_rows reads `ok` files only), like an unknown folder.
            Every file read has the window the loader parsed from its key; the filter guards
            against one without (it would stage rows no delivered window accounts for). #}
        where file_window_end is not null
    ),
    {% endfor %}

    unioned as (
        {% for family in _families(columns) -%}
        select
            exporter,
            exporter_preference,
            source_file,
            source_row_number,
            file_window_end,
            organization_id,
            device_id,
            measured_at,
            {%- for c in columns %}
            {{ c['value_name'] }},
            {%- endfor %}
            reject_reason,
            case when reject_reason is not null then to_json(struct_pack(
                {%- for name in (['deviceId', 'organizationId'] + time_names + (columns | map(attribute=family ~ '_column') | reject('none') | list)) | unique | list %}
                "{{ name }}" := cast("raw__{{ name }}" as varchar){{ "," if not loop.last }}
                {%- endfor %}
            ))::varchar end as raw_record
        from {{ family }}_checked
        {% if not loop.last %}union all{% endif %}
        {% endfor %}
    ),

    ranked as (
        select
            *
            {%- if ranking in ('rank', 'kept') %},
            case when reject_reason is null then row_number() over kept_first end as duplicate_rank
            {%- endif %}
            {%- if ranking == 'kept' %},
            case when reject_reason is null then first_value(source_file) over kept_first end
                as kept_source_file,
            {#- a copy whose values differ from the kept copy's: the exporters disagree #}
            case when reject_reason is null then not (
                struct_pack({{ columns | map(attribute='value_name') | join(', ') }})
                is not distinct from first_value(
                    struct_pack({{ columns | map(attribute='value_name') | join(', ') }})
                ) over kept_first
            ) end as is_conflict
            {%- endif %}
        from unioned
        {%- if ranking in ('rank', 'kept') %}
        window kept_first as (
            partition by reject_reason is null, device_id, measured_at
                {%- for k in keys %}, {{ k }}{% endfor %}
            order by
                exporter_preference, file_window_end desc
                {%- for c in columns %}, {{ c['value_name'] }} nulls last{% endfor %}
        )
        {%- endif %}
    )

    select * from ranked
{%- endmacro %}


{% macro stage_haltian_measurement(measurement_type) -%}
    {#- The staging model of one measurement type: valid, de-duplicated events only. -#}
    {%- set columns = measurement_value_columns(measurement_type) -%}
    with

    measurement_rows as (
        {{ haltian_measurement_rows(measurement_type) | indent(8) }}
    ),

    final as (
        select
            device_id,
            measured_at,
            organization_id,
            {%- for c in columns %}
            {{ c['value_name'] }},
            {%- endfor %}
            exporter,
            source_file
        from measurement_rows
        where reject_reason is null and duplicate_rank = 1
    )

    select * from final
{%- endmacro %}
