select
    aisle_id,
    aisle_name
from {{ ref('base_instacart__aisles') }}
where rejection_reason is null
