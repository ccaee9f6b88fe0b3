select
    order_id,
    product_id,
    add_to_cart_order,
    is_reordered,
    eval_set
from {{ ref('base_instacart__order_lines_checked') }}
where rejection_reason is null
