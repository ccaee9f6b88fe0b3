-- One row per reported week: the scorecard metrics over the observed orders dated in the
-- week's trailing window (DESIGN.md "Time"), so VPAC = orders per customer x items per
-- order holds every week. Empty on undated data.
with weeks as (
    select * from {{ ref('int_calendar__weeks') }}
),

week_totals as (
    select
        week_start,
        count(*) as active_customers,
        sum(orders) as orders,
        sum(items) as items,
        sum(reordered_items) as reordered_items,
        sum(small_basket_orders) as small_basket_orders,
        count(*) filter (where has_one_order_to_date) as one_time_customers
    from {{ ref('int_customers__weeks_summed') }}
    group by week_start
),

-- The median of days_since_prior_order over the window's non-first orders, read from the
-- per-day counts of each value: the mean of the values at the two middle positions (one
-- position when the count is odd), as median() gives.
gap_counts as (
    select
        weeks.week_start,
        gaps.days_since_prior_order,
        sum(gaps.orders) as orders
    from weeks
    inner join {{ ref('int_orders__gap_days_counted') }} as gaps
        on gaps.order_date between weeks.window_start and weeks.window_end
    group by weeks.week_start, gaps.days_since_prior_order
),

gap_positions as (
    select
        week_start,
        days_since_prior_order,
        sum(orders) over (partition by week_start order by days_since_prior_order) as orders_up_to,
        sum(orders) over (partition by week_start) as gap_orders
    from gap_counts
),

gap_medians as (
    select
        week_start,
        (
            min(days_since_prior_order) filter (where orders_up_to >= {{ integer_divide('gap_orders + 1', 2) }})
            + min(days_since_prior_order) filter (where orders_up_to >= {{ integer_divide('gap_orders', 2) }} + 1)
        ) / 2.0 as median_days_between_orders
    from gap_positions
    group by week_start
),

counts as (
    select
        weeks.week_start,
        weeks.window_start,
        weeks.window_end,
        weeks.is_complete,
        coalesce(week_totals.active_customers, 0) as active_customers,
        cast(coalesce(week_totals.orders, 0) as bigint) as orders,
        cast(coalesce(week_totals.items, 0) as bigint) as items,
        cast(coalesce(week_totals.reordered_items, 0) as bigint) as reordered_items,
        cast(coalesce(week_totals.small_basket_orders, 0) as bigint) as small_basket_orders,
        coalesce(week_totals.one_time_customers, 0) as one_time_customers,
        cast(gap_medians.median_days_between_orders as double) as median_days_between_orders
    from weeks
    left join week_totals
        on weeks.week_start = week_totals.week_start
    left join gap_medians
        on weeks.week_start = gap_medians.week_start
)

select
    *,
    {{ kpi_ratios('active_customers', 'orders', 'items', 'reordered_items', 'small_basket_orders') }},
    {{ safe_divide('one_time_customers', 'active_customers') }} as one_time_customer_share
from counts
