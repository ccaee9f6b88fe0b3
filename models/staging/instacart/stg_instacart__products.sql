select
    product_id,
    product_name,
    aisle_id,
    department_id
from {{ ref('base_instacart__products') }}
where rejection_reason is null
