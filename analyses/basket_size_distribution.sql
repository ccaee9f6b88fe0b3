-- How big baskets are: observed orders per number of items, with the share and the
-- running share, so the small-basket line (fct_orders.is_small_basket) can be read off.
-- `dbt compile --select basket_size_distribution`, then run the SQL written to
-- target/compiled/instacart_kpis/analyses/ against the warehouse.
select
    line_count as items_in_order,
    count(*) as observed_orders,
    count(*) / sum(count(*)) over () as share_of_orders,
    sum(count(*)) over (order by line_count) / sum(count(*)) over () as share_of_orders_up_to,
    is_small_basket
from {{ ref('fct_orders') }}
where is_observed
group by line_count, is_small_basket
order by line_count
