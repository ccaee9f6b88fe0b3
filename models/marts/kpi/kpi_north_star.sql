-- One row: the North Star (VPAC), its drivers and the guardrail values over the whole
-- history (the snapshot), as ratios of sums, and the data's as_of date.
-- Read from the customer and order marts (never the order lines), so it stays cheap at full scale.
with active_customers as (
    select
        observed_orders,
        items,
        reordered_items,
        small_basket_orders
    from {{ ref('dim_customers') }}
    where is_active
),

customer_totals as (
    select
        count(*) as active_customers,
        coalesce(sum(observed_orders), 0) as observed_orders,
        coalesce(sum(items), 0) as items,
        coalesce(sum(reordered_items), 0) as reordered_items,
        coalesce(sum(small_basket_orders), 0) as small_basket_orders,
        count(*) filter (where observed_orders = 1) as one_time_customers
    from active_customers
),

order_gaps as (
    -- Every non-first order carries a gap, whether or not its basket is published;
    -- first orders have none (null), and nulls never count as zero.
    select median(days_since_prior_order) as median_days_between_orders
    from {{ ref('fct_orders') }}
    where not is_first_order
        and days_since_prior_order is not null
)

select
    dates.as_of_date,
    customer_totals.active_customers,
    customer_totals.observed_orders,
    cast(customer_totals.items as bigint) as items,
    cast(customer_totals.reordered_items as bigint) as reordered_items,
    cast(customer_totals.items - customer_totals.reordered_items as bigint) as new_items,
    {{ kpi_ratios(
        'customer_totals.active_customers', 'customer_totals.observed_orders', 'customer_totals.items',
        'customer_totals.reordered_items', 'customer_totals.small_basket_orders',
    ) }},
    customer_totals.small_basket_orders,
    cast(order_gaps.median_days_between_orders as double) as median_days_between_orders,
    customer_totals.one_time_customers,
    {{ safe_divide('customer_totals.one_time_customers', 'customer_totals.active_customers') }}
        as one_time_customer_share
from customer_totals
cross join order_gaps
cross join {{ ref('int_dataset__dates') }} as dates
