-- Every active customer of a week's window sits in exactly one segment: per week, the
-- segments' customers, orders, items, reordered items and small baskets add up to the
-- week's totals exactly, and their contributions to the week's VPAC (rounding only).
with segment_sums as (
    select
        week_start,
        sum(customers) as customers,
        sum(orders) as orders,
        sum(items) as items,
        sum(reordered_items) as reordered_items,
        sum(small_basket_orders) as small_basket_orders,
        sum(contribution_to_vpac) as contribution_to_vpac
    from {{ ref('kpi_weekly_segments') }}
    group by week_start
)

select
    weeks.week_start,
    weeks.active_customers,
    segment_sums.customers,
    weeks.orders,
    segment_sums.orders as segment_orders,
    weeks.items,
    segment_sums.items as segment_items,
    weeks.vpac,
    segment_sums.contribution_to_vpac
from {{ ref('kpi_weekly') }} as weeks
left join segment_sums
    on weeks.week_start = segment_sums.week_start
where weeks.active_customers is distinct from segment_sums.customers
    or weeks.orders is distinct from segment_sums.orders
    or weeks.items is distinct from segment_sums.items
    or weeks.reordered_items is distinct from segment_sums.reordered_items
    or weeks.small_basket_orders is distinct from segment_sums.small_basket_orders
    or (weeks.active_customers > 0 and not {{ within_rounding('weeks.vpac', 'segment_sums.contribution_to_vpac') }})
