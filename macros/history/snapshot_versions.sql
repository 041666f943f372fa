{% macro snapshot_versions(
    rows, series, key_columns, compare_columns, common_columns=none, source_column=none
) -%}
    {#- SCD2 versions from a series of full snapshots. `series`: (snapshot_seq, snapshot_at),
        every snapshot that counts, numbered 1, 2, ... in time order. `rows`: the snapshots'
        rows, with snapshot_seq, one row per key per snapshot. A version is a run of
        consecutive snapshots showing the key with the same `compare_columns` (nulls equal);
        it starts again when they change or when the key comes back after a snapshot without
        it. One row per version, with the columns of its last snapshot (so columns not
        compared are as fresh as possible), version_number (1, 2, ... per key), valid_from
        (the first snapshot showing it), valid_to (the first later snapshot that differs or
        lacks the key; null while current), is_current and is_deleted (closed because a
        snapshot no longer contained the key). With `source_column` (the exporter), where a
        key's row comes from another source than its previous one, only `common_columns`
        (those both sources carry) are compared: a column one exporter lacks is absent, not
        changed. -#}
    {%- set keys = key_columns | join(', ') %}
    with

    sv_compared as (
        select
            *,
            {{ iot_facts.hash_of(compare_columns or ['null']) }} as sv_hash
            {%- if source_column is not none %},
            {{ iot_facts.hash_of(common_columns or ['null']) }} as sv_common_hash
            {%- endif %}
        from {{ rows }}
    ),

    sv_starts as (
        select
            *,
            coalesce(
                lag(snapshot_seq) over by_key != snapshot_seq - 1
                {%- if source_column is not none %}
                or case
                    when lag({{ source_column }}) over by_key = {{ source_column }}
                        then lag(sv_hash) over by_key != sv_hash
                    else lag(sv_common_hash) over by_key != sv_common_hash
                end,
                {%- else %}
                or lag(sv_hash) over by_key != sv_hash,
                {%- endif %}
                true
            ) as sv_is_start
        from sv_compared
        window by_key as (partition by {{ keys }} order by snapshot_seq)
    ),

    sv_numbered as (
        select
            *,
            sum(cast(sv_is_start as integer)) over (
                partition by {{ keys }} order by snapshot_seq
                rows between unbounded preceding and current row
            ) as version_number
        from sv_starts
    ),

    sv_last_rows as (
        -- each version's last row, with where the version starts
        select
            *,
            min(snapshot_seq) over (partition by {{ keys }}, version_number) as sv_first_seq
        from sv_numbered
        qualify row_number() over (
            partition by {{ keys }}, version_number order by snapshot_seq desc
        ) = 1
    ),

    sv_next as (
        select
            *,
            lead(sv_first_seq) over (partition by {{ keys }} order by version_number)
                as sv_next_first_seq
        from sv_last_rows
    ),

    sv_dated as (
        select
            sv_next.*,
            firsts.snapshot_at as sv_valid_from,
            closers.snapshot_at as sv_valid_to
        from sv_next
        inner join {{ series }} as firsts on sv_next.sv_first_seq = firsts.snapshot_seq
        left join {{ series }} as closers on sv_next.snapshot_seq + 1 = closers.snapshot_seq
    ),

    sv_final as (
        select
            * {{ iot_facts.exclude_keyword() }} (
                snapshot_seq, sv_hash, {{ 'sv_common_hash, ' if source_column is not none }}
                sv_is_start, version_number, sv_first_seq, sv_next_first_seq, sv_valid_from,
                sv_valid_to
            ),
            cast(version_number as integer) as version_number,
            sv_valid_from as valid_from,
            sv_valid_to as valid_to,
            sv_valid_to is null as is_current,
            -- closed, and the key's next version (if any) does not start right after
            sv_valid_to is not null
            and coalesce(sv_next_first_seq != snapshot_seq + 1, true) as is_deleted
        from sv_dated
    )

    select * from sv_final
{%- endmacro %}
