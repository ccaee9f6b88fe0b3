-- One row per reported week and basket size: the observed orders of the week's window
-- (the review's grain) with that many items, their share of the window's orders, and
-- whether the size counts as a small basket. The review draws this week's distribution
-- against last week's.
with sizes as (
    select
        weeks.period_start as week_start,
        sizes.items_in_order,
        sizes.is_small_basket,
        sum(sizes.orders) as orders
    from {{ ref('int_calendar__periods') }} as weeks
    inner join {{ ref('int_orders__sizes_counted') }} as sizes
        on sizes.order_date between weeks.window_start and weeks.window_end
    where weeks.grain = '{{ kpi_review_grain() }}'
    group by weeks.period_start, sizes.items_in_order, sizes.is_small_basket
)

select
    week_start,
    cast(items_in_order as integer) as items_in_order,
    cast(orders as bigint) as orders,
    orders / sum(orders) over (partition by week_start) as share_of_orders,
    is_small_basket
from sizes
