-- Every active customer of a period sits in exactly one segment: in every grain and
-- period, the segments' customers, orders, items, reordered items, small baskets and
-- one-time customers add up to the period's all row exactly; their shares of customers,
-- orders and items each sum to 1, and their contributions (share x segment VPAC) to the
-- period's VPAC (rounding only). A period without customers has nothing to share out.
with segment_sums as (
    select
        grain,
        period_start,
        sum(customers) as customers,
        sum(orders) as orders,
        sum(items) as items,
        sum(reordered_items) as reordered_items,
        sum(small_basket_orders) as small_basket_orders,
        sum(share_of_customers) as share_of_customers,
        sum(share_of_orders) as share_of_orders,
        sum(share_of_items) as share_of_items,
        sum(contribution_to_vpac) as contribution_to_vpac
    from {{ ref('kpi_segments') }}
    group by grain, period_start
),

one_time_sums as (
    select
        grain,
        period_start,
        sum(case when segment_name <> 'all' then one_time_customers end) as segment_one_time_customers,
        max(case when segment_name = 'all' then one_time_customers end) as one_time_customers
    from {{ ref('int_period_segments__measured') }}
    group by grain, period_start
),

totals as (
    select
        grain,
        period_start,
        max(case when metric_id = 'active_customers' then value end) as customers,
        max(case when metric_id = 'observed_orders' then value end) as orders,
        max(case when metric_id = 'items' then value end) as items,
        max(case when metric_id = 'reorder_rate' then numerator end) as reordered_items,
        max(case when metric_id = 'small_basket_share' then numerator end) as small_basket_orders,
        max(case when metric_id = 'vpac' then value end) as vpac
    from {{ ref('kpi_metric_values') }}
    where segment = 'all'
    group by grain, period_start
)

select
    totals.grain,
    totals.period_start,
    totals.customers,
    segment_sums.customers as segment_customers,
    totals.items,
    segment_sums.items as segment_items,
    totals.vpac,
    segment_sums.contribution_to_vpac
from totals
left join segment_sums
    on totals.grain = segment_sums.grain
        and totals.period_start = segment_sums.period_start
left join one_time_sums
    on totals.grain = one_time_sums.grain
        and totals.period_start = one_time_sums.period_start
where totals.customers is distinct from segment_sums.customers
    or totals.orders is distinct from segment_sums.orders
    or totals.items is distinct from segment_sums.items
    or totals.reordered_items is distinct from segment_sums.reordered_items
    or totals.small_basket_orders is distinct from segment_sums.small_basket_orders
    or one_time_sums.one_time_customers is distinct from one_time_sums.segment_one_time_customers
    or (
        totals.customers > 0
        and not (
            {{ within_rounding('segment_sums.share_of_customers', 1) }}
            and {{ within_rounding('segment_sums.share_of_orders', 1) }}
            and {{ within_rounding('segment_sums.share_of_items', 1) }}
            and {{ within_rounding('totals.vpac', 'segment_sums.contribution_to_vpac') }}
        )
    )
