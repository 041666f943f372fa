{% test intervals_end_at_watermark(model, partition_by, measurement_type, valid_from='valid_from', valid_to='valid_to') %}
{#- The last interval of each partition is the open one and ends at the measurement type's
    watermark, or at its own start when that lies after the watermark (capped intervals may
    end earlier). -#}
with last_intervals as (
    select *
    from {{ model }}
    qualify row_number() over (
        partition by {{ partition_by | join(', ') }} order by {{ valid_from }} desc
    ) = 1
),
watermark as (
    select watermark from {{ ref('int_measurement_watermarks') }}
    where measurement_type = '{{ measurement_type }}'
)
select last_intervals.*
from last_intervals
cross join watermark
where
    not is_open
    or (not is_capped and {{ valid_to }} != greatest(watermark.watermark, {{ valid_from }}))
{% endtest %}
