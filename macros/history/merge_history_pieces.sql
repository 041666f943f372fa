{% macro merge_history_pieces(pieces, key_columns, compare_columns) -%}
    {#- SCD2 versions from time pieces (key_columns, valid_from, valid_to null = open,
        piece_is_deleted, other columns): adjacent pieces of a key (one ends where the next
        starts) with the same `compare_columns` (nulls equal) are one version. One row per
        version with the columns of its last piece, version_number (1, 2, ... per key),
        valid_from of its first piece, valid_to and is_deleted (piece_is_deleted) of its last,
        and is_current (valid_to is null). -#}
    {%- set keys = key_columns | join(', ') %}
    with

    mp_starts as (
        select
            *,
            coalesce(
                lag(valid_to) over by_key != valid_from
                or lag({{ iot_facts.hash_of(compare_columns) }}) over by_key
                != {{ iot_facts.hash_of(compare_columns) }},
                true
            ) as mp_is_start
        from {{ pieces }}
        window by_key as (partition by {{ keys }} order by valid_from)
    ),

    mp_numbered as (
        select
            *,
            sum(cast(mp_is_start as integer)) over (
                partition by {{ keys }} order by valid_from
                rows between unbounded preceding and current row
            ) as mp_version
        from mp_starts
    ),

    mp_last as (
        select
            *,
            min(valid_from) over (partition by {{ keys }}, mp_version) as mp_first_from
        from mp_numbered
        qualify row_number() over (
            partition by {{ keys }}, mp_version order by valid_from desc
        ) = 1
    )

    select
        * {{ iot_facts.exclude_keyword() }} (
            valid_from, mp_is_start, mp_version, mp_first_from, piece_is_deleted
        ),
        cast(mp_version as integer) as version_number,
        mp_first_from as valid_from,
        valid_to is null as is_current,
        piece_is_deleted as is_deleted
    from mp_last
{%- endmacro %}
