-- One row per order date and basket size: how many observed, dated orders had that many
-- items, and whether that size is a small basket. The weekly basket-size distributions are
-- read from these counts.
select
    orders.order_date,
    lines.line_count as items_in_order,
    lines.is_small_basket,
    count(*) as orders
from {{ ref('stg_instacart__orders') }} as orders
inner join {{ ref('int_orders__lines_summed') }} as lines
    on orders.order_id = lines.order_id
where orders.order_date is not null
group by orders.order_date, lines.line_count, lines.is_small_basket
