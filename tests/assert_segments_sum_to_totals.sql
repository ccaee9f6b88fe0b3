-- Every active customer sits in exactly one band: the bands' customers, orders, items,
-- reordered items and small-basket orders add up to the North Star's totals, exactly.
with segment_sums as (
    select
        sum(customers) as customers,
        sum(orders) as orders,
        sum(items) as items,
        sum(reordered_items) as reordered_items,
        sum(small_basket_orders) as small_basket_orders
    from {{ ref('kpi_segments') }}
)

select
    north_star.active_customers,
    segment_sums.customers,
    north_star.observed_orders,
    segment_sums.orders,
    north_star.items,
    segment_sums.items as segment_items,
    north_star.reordered_items,
    segment_sums.reordered_items as segment_reordered_items,
    north_star.small_basket_orders,
    segment_sums.small_basket_orders as segment_small_basket_orders
from {{ ref('kpi_north_star') }} as north_star
cross join segment_sums
where north_star.active_customers is distinct from segment_sums.customers
    or north_star.observed_orders is distinct from segment_sums.orders
    or north_star.items is distinct from segment_sums.items
    or north_star.reordered_items is distinct from segment_sums.reordered_items
    or north_star.small_basket_orders is distinct from segment_sums.small_basket_orders
