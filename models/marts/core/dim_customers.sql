-- One row per customer: order history counts and the frequency segment they fall in.
select
    customers.user_id,
    customers.orders_placed,
    customers.observed_orders,
    customers.items,
    customers.reordered_items,
    customers.small_basket_orders,
    customers.first_order_number,
    customers.last_order_number,
    customers.observed_orders > 0 as is_active,
    bands.segment_name,
    bands.sort_order as segment_sort_order
from {{ ref('int_customers__orders_summed') }} as customers
left join {{ ref('segment_bands') }} as bands
    on customers.observed_orders >= bands.min_observed_orders
        and (bands.max_observed_orders is null or customers.observed_orders <= bands.max_observed_orders)
