{% macro typed_value(data_type, expression) -%}
    {#- Cast a raw export value to its canonical type, strictly: anything that does not convert
        exactly becomes NULL (and is then rejected with a reason), never silently text.
        timestamp: UTC, normalized to millisecond precision. boolean: true/false/1/0 only.
        bigint: integral values only. double: any number (decimal, float, numeric text). -#}
    {%- if data_type == 'timestamp' -%}
        date_trunc('millisecond', cast(try_cast({{ expression }} as timestamptz) as timestamp))
    {%- elif data_type == 'boolean' -%}
        case try_cast({{ expression }} as double)
            when 1 then true
            when 0 then false
            else case when try_cast({{ expression }} as double) is null
                then try_cast(cast({{ expression }} as varchar) as boolean) end
        end
    {%- elif data_type == 'bigint' -%}
        case when try_cast({{ expression }} as double) = floor(try_cast({{ expression }} as double))
            then try_cast(try_cast({{ expression }} as double) as bigint) end
    {%- elif data_type == 'double' -%}
        try_cast({{ expression }} as double)
    {%- else -%}
        cast({{ expression }} as varchar)
    {%- endif -%}
{%- endmacro %}


{% macro coalesce_typed(data_type, raw_names, alias='raw') -%}
    {#- First non-null of several raw names (legacy and v1 spellings), each cast on its own so
        differently typed spellings never need a common type. -#}
    {%- if raw_names | length == 1 -%}
        {{ typed_value(data_type, alias ~ '."' ~ raw_names[0] ~ '"') }}
    {%- else -%}
        coalesce(
        {%- for name in raw_names %}
            {{ typed_value(data_type, alias ~ '."' ~ name ~ '"') }}{{ "," if not loop.last }}
        {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}


{% macro raw_is_present(raw_names, alias='raw', prefix='') -%}
    ({%- for name in raw_names %}{{ alias }}."{{ prefix ~ name }}" is not null{{ " or " if not loop.last }}{% endfor -%})
{%- endmacro %}


{% macro raw_as_text(raw_names, alias='raw', prefix='') -%}
    coalesce({%- for name in raw_names %}cast({{ alias }}."{{ prefix ~ name }}" as varchar){{ ", " if not loop.last }}{% endfor -%}, '')
{%- endmacro %}


{% macro raw_columns_template(raw_names) -%}
    {#- A zero-row relation with every known raw column, NULL-typed. Unioned BY NAME with the
        files it supplies the columns (`where false`, not `limit 0`, which would bind to the
        whole union) an older or newer schema lacks, without changing types. -#}
    select
    {%- for name in raw_names | unique %}
        null as "{{ name }}",
    {%- endfor %}
        null::varchar as filename,
        null::bigint as file_row_number
    where false
{%- endmacro %}


{% macro haltian_family_files(family, folder, raw_names) -%}
    {#- Every row of one exporter's folder, with all known raw columns present (see
        staged_landing_rows) and what the loader's manifest recorded from the file's key:
        file_window_start, file_window_end and file_organization_id. -#}
    {{ staged_landing_rows(
        'haltian_' ~ family, folder, raw_columns_template(raw_names),
        manifest_columns=['window_start', 'window_end', 'organization_id']
    ) }}
{%- endmacro %}
