-- One row per customer and day with an observed, dated order: the day's orders, items,
-- reordered items and small baskets, and the customer's observed orders before that day
-- (from which a week's segment is read). The weekly marts roll these up, never the lines.
with observed_orders as (
    select
        orders.user_id,
        orders.order_date,
        lines.line_count,
        lines.reordered_line_count
    from {{ ref('stg_instacart__orders') }} as orders
    inner join {{ ref('int_orders__lines_summed') }} as lines
        on orders.order_id = lines.order_id
    where orders.order_date is not null
),

days as (
    select
        user_id,
        order_date,
        count(*) as orders,
        sum(line_count) as items,
        sum(reordered_line_count) as reordered_items,
        count(*) filter (where line_count <= {{ var('small_basket_max_lines') }}) as small_basket_orders
    from observed_orders
    group by user_id, order_date
)

select
    user_id,
    order_date,
    orders,
    cast(items as bigint) as items,
    cast(reordered_items as bigint) as reordered_items,
    small_basket_orders,
    cast(coalesce(sum(orders) over (
        partition by user_id order by order_date rows between unbounded preceding and 1 preceding
    ), 0) as bigint) as orders_before_day
from days
