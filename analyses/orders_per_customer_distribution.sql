-- How often customers order: active customers per number of observed orders, with the
-- segment band each count falls in (seed segment_bands) and the share of customers.
-- `dbt compile --select orders_per_customer_distribution`, then run the SQL written to
-- target/compiled/instacart_kpis/analyses/ against the warehouse.
select
    observed_orders,
    segment_name,
    count(*) as active_customers,
    count(*) / sum(count(*)) over () as share_of_customers
from {{ ref('dim_customers') }}
where is_active
group by observed_orders, segment_name
order by observed_orders
