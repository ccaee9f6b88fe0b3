-- One row per customer with at least one staged order: order and item counts.
select
    user_id,
    count(*) as orders_placed,
    count(*) filter (where is_observed) as observed_orders,
    sum(line_count) as items,
    sum(reordered_line_count) as reordered_items,
    count(*) filter (where is_small_basket) as small_basket_orders,
    min(order_number) as first_order_number,
    max(order_number) as last_order_number,
from {{ ref('fct_orders') }}
group by user_id
