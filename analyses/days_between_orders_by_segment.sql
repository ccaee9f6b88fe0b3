-- How soon customers come back, by segment: over each segment's non-first orders, the
-- median and mean days since the previous order and the share at 30 (30 means 30 or more).
-- `dbt compile --select days_between_orders_by_segment`, then run the SQL written to
-- target/compiled/instacart_kpis/analyses/ against the warehouse.
select
    customers.segment_name,
    count(*) as non_first_orders,
    median(orders.days_since_prior_order) as median_days_between_orders,
    avg(orders.days_since_prior_order) as mean_days_between_orders,
    count_if(orders.days_since_prior_order = 30) / count(*) as share_at_30_days
from {{ ref('fct_orders') }} as orders
inner join {{ ref('dim_customers') }} as customers
    on orders.user_id = customers.user_id
where not orders.is_first_order
    and orders.days_since_prior_order is not null
group by customers.segment_name
order by min(customers.segment_sort_order)
