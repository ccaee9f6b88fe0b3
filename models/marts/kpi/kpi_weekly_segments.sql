-- One row per reported week and segment (new, then every band of seed segment_bands, each
-- a row even when empty): the segment's customers, volumes and ratios over the week's
-- window, its share of the week's active customers and its contribution to the week's
-- VPAC. A customer's segment is read from their orders before the window (DESIGN.md "Time").
with segments as (
    select
        'new' as segment_name,
        0 as sort_order
    union all
    select
        segment_name,
        sort_order
    from {{ ref('segment_bands') }}
),

week_segments as (
    select
        weeks.week_start,
        weeks.is_complete,
        segments.segment_name,
        segments.sort_order
    from {{ ref('int_calendar__weeks') }} as weeks
    cross join segments
),

volumes as (
    select
        week_start,
        segment_name,
        count(*) as customers,
        sum(orders) as orders,
        sum(items) as items,
        sum(reordered_items) as reordered_items,
        sum(small_basket_orders) as small_basket_orders
    from {{ ref('int_customers__weeks_summed') }}
    group by week_start, segment_name
),

counts as (
    select
        week_segments.week_start,
        week_segments.is_complete,
        week_segments.segment_name,
        cast(week_segments.sort_order as integer) as sort_order,
        coalesce(volumes.customers, 0) as customers,
        cast(coalesce(volumes.orders, 0) as bigint) as orders,
        cast(coalesce(volumes.items, 0) as bigint) as items,
        cast(coalesce(volumes.reordered_items, 0) as bigint) as reordered_items,
        cast(coalesce(volumes.small_basket_orders, 0) as bigint) as small_basket_orders,
        sum(coalesce(volumes.customers, 0)) over (partition by week_segments.week_start) as week_customers
    from week_segments
    left join volumes
        on week_segments.week_start = volumes.week_start
            and week_segments.segment_name = volumes.segment_name
),

ratios as (
    select
        week_start,
        is_complete,
        segment_name,
        sort_order,
        customers,
        orders,
        items,
        reordered_items,
        small_basket_orders,
        {{ safe_divide('customers', 'week_customers') }} as share_of_customers,
        {{ kpi_ratios('customers', 'orders', 'items', 'reordered_items', 'small_basket_orders') }}
    from counts
)

select
    *,
    -- An empty segment carries nothing: its contribution is 0, not undefined.
    coalesce(share_of_customers * vpac, 0) as contribution_to_vpac
from ratios
