-- One row per customer with at least one staged order: order and item counts. Read from
-- staging and the per-order line counts (never from a mart).
with orders as (
    select
        orders.user_id,
        orders.order_number,
        coalesce(lines.line_count, 0) as line_count,
        coalesce(lines.reordered_line_count, 0) as reordered_line_count
    from {{ ref('stg_instacart__orders') }} as orders
    left join {{ ref('int_orders__lines_summed') }} as lines
        on orders.order_id = lines.order_id
)

select
    user_id,
    count(*) as orders_placed,
    count(*) filter (where line_count > 0) as observed_orders,
    cast(sum(line_count) as bigint) as items,
    cast(sum(reordered_line_count) as bigint) as reordered_items,
    count(*) filter (where line_count between 1 and {{ var('small_basket_max_lines') }}) as small_basket_orders,
    min(order_number) as first_order_number,
    max(order_number) as last_order_number
from orders
group by user_id
