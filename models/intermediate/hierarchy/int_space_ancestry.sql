with

spaces as (
    select * from {{ ref('int_spaces_current') }}
),

ancestry as (
    {{ space_ancestry('spaces') | indent(4) }}
)

select * from ancestry
