-- Every dated order lands in its week, a second way: per reported ISO week, the customers,
-- orders and items of the rollups (int_customers__periods_summed, int_order_lines__weeks_summed)
-- and the gaps counted for the medians (int_period_segments__gap_days_counted) equal a
-- count straight from fct_orders, one row per order.
with from_orders as (
    select
        cast(date_trunc('week', order_date) as date) as week_start,
        count(distinct case when is_observed then user_id end) as customers,
        count(case when is_observed then 1 end) as orders,
        sum(line_count) as items,
        count(case when not is_first_order and days_since_prior_order is not null then 1 end) as gaps
    from {{ ref('fct_orders') }}
    where order_date is not null
    group by cast(date_trunc('week', order_date) as date)
),

customer_weeks as (
    select
        period_start as week_start,
        count(*) as customers,
        sum(observed_orders) as orders
    from {{ ref('int_customers__periods_summed') }}
    where grain = 'week'
    group by period_start
),

line_weeks as (
    select
        week_start,
        sum(items) as items
    from {{ ref('int_order_lines__weeks_summed') }}
    group by week_start
),

gap_weeks as (
    select
        period_start as week_start,
        sum(orders) as gaps
    from {{ ref('int_period_segments__gap_days_counted') }}
    where grain = 'week' and segment_name = 'all'
    group by period_start
)

select
    customer_weeks.week_start,
    from_orders.customers,
    customer_weeks.customers as rollup_customers,
    from_orders.orders,
    customer_weeks.orders as rollup_orders,
    from_orders.items,
    line_weeks.items as rollup_items,
    from_orders.gaps,
    gap_weeks.gaps as rollup_gaps
from customer_weeks
left join from_orders
    on customer_weeks.week_start = from_orders.week_start
left join line_weeks
    on customer_weeks.week_start = line_weeks.week_start
left join gap_weeks
    on customer_weeks.week_start = gap_weeks.week_start
where from_orders.customers is distinct from customer_weeks.customers
    or from_orders.orders is distinct from customer_weeks.orders
    or from_orders.items is distinct from line_weeks.items
    or from_orders.gaps is distinct from coalesce(gap_weeks.gaps, 0)
