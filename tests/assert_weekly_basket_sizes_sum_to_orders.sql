-- Every observed order of a week's window has one basket size: per week, the orders of
-- kpi_weekly_basket_sizes add up to the week's observed orders in the metric spine (the
-- review's grain, segment all) exactly, and their items (size x orders) to its items.
with size_sums as (
    select
        week_start,
        sum(orders) as orders,
        sum(items_in_order * orders) as items
    from {{ ref('kpi_weekly_basket_sizes') }}
    group by week_start
),

weeks as (
    select
        period_start as week_start,
        max(case when metric_id = 'observed_orders' then value end) as orders,
        max(case when metric_id = 'items' then value end) as items
    from {{ ref('kpi_metric_values') }}
    where grain = '{{ kpi_review_grain() }}' and segment = 'all'
    group by period_start
)

select
    weeks.week_start,
    weeks.orders,
    size_sums.orders as basket_size_orders,
    weeks.items,
    size_sums.items as basket_size_items
from weeks
left join size_sums
    on weeks.week_start = size_sums.week_start
where weeks.orders <> coalesce(size_sums.orders, 0)
    or weeks.items <> coalesce(size_sums.items, 0)
