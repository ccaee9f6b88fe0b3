-- One row per staged order line, with the customer, the order's position in their history
-- and its date (the semantic layer places line measures in time by it). A view: the lines
-- are stored once, in int_order_lines__matched, and joined to their orders once here.
{{ config(materialized='view') }}

select
    lines.order_id,
    lines.product_id,
    orders.user_id,
    lines.eval_set,
    orders.order_number,
    lines.add_to_cart_order,
    lines.is_reordered,
    orders.order_date
from {{ ref('int_order_lines__matched') }} as lines
inner join {{ ref('stg_instacart__orders') }} as orders
    on lines.order_id = orders.order_id
where lines.rejection_reason is null
