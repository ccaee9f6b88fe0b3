-- One row per staged order, with its basket size and the flags the KPIs count on.
select
    orders.order_id,
    orders.user_id,
    orders.eval_set,
    orders.order_number,
    orders.order_dow,
    orders.order_hour_of_day,
    orders.days_since_prior_order,
    orders.order_date,
    orders.is_first_order,
    orders.has_observed_basket,
    coalesce(lines.line_count, 0) as line_count,
    coalesce(lines.reordered_line_count, 0) as reordered_line_count,
    coalesce(lines.line_count, 0) > 0 as is_observed,
    coalesce(lines.is_small_basket, false) as is_small_basket
from {{ ref('stg_instacart__orders') }} as orders
left join {{ ref('int_orders__lines_summed') }} as lines
    on orders.order_id = lines.order_id
