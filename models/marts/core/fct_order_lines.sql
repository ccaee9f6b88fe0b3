-- One row per staged order line, with the customer and the order's position in their history.
-- A view: the lines are stored once, in base_instacart__order_lines.
{{ config(materialized='view') }}

select
    lines.order_id,
    lines.product_id,
    orders.user_id,
    lines.eval_set,
    orders.order_number,
    lines.add_to_cart_order,
    lines.is_reordered
from {{ ref('int_order_lines__matched') }} as lines
inner join {{ ref('stg_instacart__orders') }} as orders
    on lines.order_id = orders.order_id
where lines.rejection_reason is null
