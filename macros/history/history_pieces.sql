{% macro history_pieces(base, key_columns, link_column, other, other_key) -%}
    {#- Splits the versions of `base` (SCD2: key_columns, valid_from, valid_to, null = open)
        wherever the version of `other` (SCD2 on other_key) that a version links to through
        `link_column` changes, e.g. a zone's versions where its space's path changes. One row
        per piece: the keys, valid_from, valid_to (null = open), base_valid_from and
        other_valid_from naming the versions it comes from (other_valid_from null where no
        version of `other` covers the piece) and is_base_end (the piece ends its base
        version). Only each key's own boundaries are used, so the cost follows each entity's
        changes, not the whole table's. -#}
    {%- set keys = key_columns | join(', ') %}
    with

    hp_base as (
        select
            {{ keys }},
            {{ link_column }} as hp_link,
            valid_from,
            coalesce(valid_to, {{ iot_facts.ts_infinity() }}) as valid_to
        from {{ base }}
    ),

    hp_other as (
        select
            {{ other_key }} as hp_link,
            valid_from,
            coalesce(valid_to, {{ iot_facts.ts_infinity() }}) as valid_to
        from {{ other }}
    ),

    hp_crossing as (
        select
            {%- for k in key_columns %}
            hp_base.{{ k }},
            {%- endfor %}
            {{ iot_facts.unnest_values(['hp_other.valid_from', 'hp_other.valid_to']) }} as point,
            hp_base.valid_from as base_from,
            hp_base.valid_to as base_to
        from hp_base
        inner join hp_other
            on
                hp_base.hp_link = hp_other.hp_link
                and hp_base.valid_to > hp_other.valid_from
                and hp_base.valid_from < hp_other.valid_to
    ),

    hp_points as (
        select {{ keys }}, valid_from as point from hp_base
        union
        select {{ keys }}, valid_to from hp_base
        union
        select {{ keys }}, point from hp_crossing
        where point > base_from and point < base_to
    ),

    hp_spans as (
        select
            {{ keys }},
            point as valid_from,
            lead(point) over (partition by {{ keys }} order by point) as valid_to
        from hp_points
    ),

    hp_pieces as (
        select
            {%- for k in key_columns %}
            hp_spans.{{ k }},
            {%- endfor %}
            hp_spans.valid_from,
            hp_spans.valid_to,
            hp_base.valid_from as base_valid_from,
            hp_base.hp_link,
            hp_spans.valid_to = hp_base.valid_to as is_base_end
        from hp_spans
        inner join hp_base
            on
                {%- for k in key_columns %}
                hp_spans.{{ k }} = hp_base.{{ k }}
                and
                {%- endfor %}
                hp_spans.valid_from >= hp_base.valid_from
                and hp_spans.valid_from < hp_base.valid_to
        -- spans between two versions of a key (deleted, then back) belong to none
        where hp_spans.valid_to is not null
    )

    select
        {%- for k in key_columns %}
        hp_pieces.{{ k }},
        {%- endfor %}
        hp_pieces.valid_from,
        nullif(hp_pieces.valid_to, {{ iot_facts.ts_infinity() }}) as valid_to,
        hp_pieces.base_valid_from,
        hp_other.valid_from as other_valid_from,
        hp_pieces.is_base_end
    from hp_pieces
    left join hp_other
        on
            hp_pieces.hp_link = hp_other.hp_link
            and hp_pieces.valid_from >= hp_other.valid_from
            and hp_pieces.valid_from < hp_other.valid_to
{%- endmacro %}
