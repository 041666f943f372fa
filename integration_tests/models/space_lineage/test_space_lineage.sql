with

spaces as (
    select * from {{ ref('sl_spaces') }}
),

ancestry as (
    {{ iot_facts.space_ancestry('spaces') | indent(4) }}
),

lineage as (
    {{ iot_facts.space_lineage('ancestry', 'spaces') | indent(4) }}
)

select * from lineage
