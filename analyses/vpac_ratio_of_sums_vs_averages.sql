-- Why the driver tree is built from ratios of sums. VPAC (items / active customers)
-- equals orders per customer x items per order exactly; the same drivers taken as
-- averages over customers (the mean customer's orders, the mean customer's items per
-- order) multiply to another number, and a tree built from them would not reconcile.
-- `dbt compile --select vpac_ratio_of_sums_vs_averages`, then run the SQL written to
-- target/compiled/instacart_kpis/analyses/ against the warehouse.
with active_customers as (
    select
        observed_orders,
        items,
        items / observed_orders as items_per_order_of_customer
    from {{ ref('dim_customers') }}
    where is_active
),

drivers as (
    select
        sum(items) / count(*) as vpac,
        sum(observed_orders) / count(*) as orders_per_customer,
        sum(items) / sum(observed_orders) as items_per_order,
        avg(observed_orders) as mean_orders_of_customer,
        avg(items_per_order_of_customer) as mean_items_per_order_of_customer
    from active_customers
)

select
    vpac,
    orders_per_customer * items_per_order as product_of_ratios_of_sums,
    mean_orders_of_customer * mean_items_per_order_of_customer as product_of_averages,
    mean_orders_of_customer * mean_items_per_order_of_customer / vpac - 1 as product_of_averages_gap
from drivers
