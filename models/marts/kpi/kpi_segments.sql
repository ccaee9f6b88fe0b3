-- One row per grain, reported period and segment (the snapshot's bands of all observed
-- orders; on weeks, months and trailing windows new and the bands of orders before the
-- period), each a row even when empty: the segment's volumes, its shares of the period's
-- totals, its own VPAC, drivers and guardrails (from the metric spine) and its contribution
-- to the period's VPAC (share of customers x segment VPAC; they add up to VPAC).
with measures as (
    select * from {{ ref('int_period_segments__measured') }}
),

segment_values as (
    select
        grain,
        period_start,
        segment,
        max(case when metric_id = 'orders_per_customer' then value end) as orders_per_customer,
        max(case when metric_id = 'items_per_order' then value end) as items_per_order,
        max(case when metric_id = 'vpac' then value end) as vpac,
        max(case when metric_id = 'reorder_rate' then value end) as reorder_rate,
        max(case when metric_id = 'small_basket_share' then value end) as small_basket_share
    from {{ ref('kpi_metric_values') }}
    where segment <> 'all'
    group by grain, period_start, segment
),

shares as (
    select
        segments.grain,
        segments.period_start,
        segments.period_end,
        segments.is_complete,
        segments.segment_name,
        segments.segment_sort_order as sort_order,
        segments.active_customers as customers,
        segments.observed_orders as orders,
        segments.items,
        segments.reordered_items,
        segments.small_basket_orders,
        {{ safe_divide('segments.active_customers', 'totals.active_customers') }} as share_of_customers,
        {{ safe_divide('segments.observed_orders', 'totals.observed_orders') }} as share_of_orders,
        {{ safe_divide('segments.items', 'totals.items') }} as share_of_items
    from measures as segments
    inner join measures as totals
        on segments.grain = totals.grain
            and segments.period_start = totals.period_start
            and totals.segment_name = 'all'
    where segments.segment_name <> 'all'
)

select
    shares.grain,
    shares.period_start,
    shares.period_end,
    shares.is_complete,
    shares.segment_name,
    shares.sort_order,
    bands.min_observed_orders,
    bands.max_observed_orders,
    bands.action,
    shares.customers,
    shares.orders,
    shares.items,
    shares.reordered_items,
    shares.small_basket_orders,
    shares.share_of_customers,
    shares.share_of_orders,
    shares.share_of_items,
    segment_values.orders_per_customer,
    segment_values.items_per_order,
    segment_values.vpac,
    segment_values.reorder_rate,
    segment_values.small_basket_share,
    -- An empty segment carries nothing: its contribution is 0, not undefined.
    coalesce(shares.share_of_customers * segment_values.vpac, 0) as contribution_to_vpac
from shares
inner join segment_values
    on shares.grain = segment_values.grain
        and shares.period_start = segment_values.period_start
        and shares.segment_name = segment_values.segment
left join {{ ref('segment_bands') }} as bands
    on shares.segment_name = bands.segment_name
