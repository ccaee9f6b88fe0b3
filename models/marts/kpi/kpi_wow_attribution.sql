-- One row per complete week (against the week before it), component and effect: how
-- VPAC's change splits over its drivers (LMDI: orders per customer, items per order) and
-- over segments (midpoint shift-share: mix and rate), plus every scorecard metric's
-- change. Each split adds up to VPAC's change exactly (DESIGN.md "Time"); the review
-- reads the latest complete week (is_latest_complete_week).
with weeks as (
    select * from {{ ref('kpi_weekly') }}
),

week_pairs as (
    select
        current_week.week_start,
        previous_week.week_start as previous_week_start,
        current_week.week_start = max(current_week.week_start) over () as is_latest_complete_week
    from weeks as current_week
    inner join weeks as previous_week
        on previous_week.week_start = current_week.week_start - 7
    where current_week.is_complete
),

-- Every scorecard metric in both weeks; a metric id names its kpi_weekly column
-- (observed_orders is the column orders).
metric_values as (
    select
        week_start,
        metric_id,
        metric_value
    from (
        select
            week_start,
            cast(active_customers as double) as active_customers,
            cast(items as double) as items,
            cast(median_days_between_orders as double) as median_days_between_orders,
            cast(orders_per_customer as double) as orders_per_customer,
            cast(items_per_order as double) as items_per_order,
            cast(vpac as double) as vpac,
            cast(reordered_items_per_order as double) as reordered_items_per_order,
            cast(new_items_per_order as double) as new_items_per_order,
            cast(reorder_rate as double) as reorder_rate,
            cast(small_basket_share as double) as small_basket_share,
            cast(one_time_customer_share as double) as one_time_customer_share,
            cast(orders as double) as observed_orders
        from weeks
    ) as week_values
    unpivot (
        metric_value for metric_id in (
            active_customers,
            items,
            median_days_between_orders,
            orders_per_customer,
            items_per_order,
            vpac,
            reordered_items_per_order,
            new_items_per_order,
            reorder_rate,
            small_basket_share,
            one_time_customer_share,
            observed_orders
        )
    )
),

metric_changes as (
    select
        week_pairs.week_start,
        week_pairs.previous_week_start,
        week_pairs.is_latest_complete_week,
        'metric' as component_type,
        metric_definitions.metric_id as component,
        'change' as effect,
        current_values.metric_value - previous_values.metric_value as contribution,
        previous_values.metric_value as previous_value,
        current_values.metric_value as current_value,
        cast(null as double) as previous_share_of_customers,
        cast(null as double) as current_share_of_customers,
        100 + metric_definitions.sort_order as sort_order
    from week_pairs
    cross join {{ ref('metric_definitions') }} as metric_definitions
    left join metric_values as current_values
        on week_pairs.week_start = current_values.week_start
            and metric_definitions.metric_id = current_values.metric_id
    left join metric_values as previous_values
        on week_pairs.previous_week_start = previous_values.week_start
            and metric_definitions.metric_id = previous_values.metric_id
),

-- LMDI needs values above zero: a week without customers (or a zero driver) has no split.
driver_logs as (
    select
        week_pairs.*,
        previous_week.vpac as previous_vpac,
        current_week.vpac as current_vpac,
        previous_week.orders_per_customer as previous_orders_per_customer,
        current_week.orders_per_customer as current_orders_per_customer,
        previous_week.items_per_order as previous_items_per_order,
        current_week.items_per_order as current_items_per_order,
        coalesce(
            previous_week.vpac > 0 and current_week.vpac > 0
            and previous_week.orders_per_customer > 0 and current_week.orders_per_customer > 0
            and previous_week.items_per_order > 0 and current_week.items_per_order > 0,
            false
        ) as can_split
    from week_pairs
    inner join weeks as current_week
        on week_pairs.week_start = current_week.week_start
    inner join weeks as previous_week
        on week_pairs.previous_week_start = previous_week.week_start
),

driver_weights as (
    select
        *,
        ln(case when can_split then current_vpac / previous_vpac end) as log_change_vpac,
        -- L(a, b) = (a - b) / (ln a - ln b), and a when a = b (or equal to rounding).
        case
            when log_change_vpac = 0 then current_vpac
            else (current_vpac - previous_vpac) / log_change_vpac
        end as vpac_log_mean
    from driver_logs
),

driver_splits as (
    select
        week_start,
        previous_week_start,
        is_latest_complete_week,
        'driver' as component_type,
        'orders_per_customer' as component,
        'driver' as effect,
        vpac_log_mean
        * ln(case when can_split then current_orders_per_customer / previous_orders_per_customer end) as contribution,
        previous_orders_per_customer as previous_value,
        current_orders_per_customer as current_value,
        cast(null as double) as previous_share_of_customers,
        cast(null as double) as current_share_of_customers,
        1 as sort_order
    from driver_weights
    union all
    select
        week_start,
        previous_week_start,
        is_latest_complete_week,
        'driver' as component_type,
        'items_per_order' as component,
        'driver' as effect,
        vpac_log_mean
        * ln(case when can_split then current_items_per_order / previous_items_per_order end) as contribution,
        previous_items_per_order as previous_value,
        current_items_per_order as current_value,
        cast(null as double) as previous_share_of_customers,
        cast(null as double) as current_share_of_customers,
        2 as sort_order
    from driver_weights
),

-- Midpoint shift-share over segments: w = the segment's share of active customers, v =
-- its VPAC. A segment empty in one week takes the other week's v there (so its rate
-- effect is 0); empty in both, it adds 0 and 0. Undefined when a week has no customers.
segment_pairs as (
    select
        week_pairs.week_start,
        week_pairs.previous_week_start,
        week_pairs.is_latest_complete_week,
        current_segment.segment_name,
        current_segment.sort_order,
        previous_segment.share_of_customers as previous_share,
        current_segment.share_of_customers as current_share,
        previous_segment.vpac as previous_segment_vpac,
        current_segment.vpac as current_segment_vpac,
        coalesce(previous_segment.vpac, current_segment.vpac, 0) as previous_v,
        coalesce(current_segment.vpac, previous_segment.vpac, 0) as current_v
    from week_pairs
    inner join {{ ref('kpi_weekly_segments') }} as current_segment
        on week_pairs.week_start = current_segment.week_start
    inner join {{ ref('kpi_weekly_segments') }} as previous_segment
        on week_pairs.previous_week_start = previous_segment.week_start
            and current_segment.segment_name = previous_segment.segment_name
),

segment_splits as (
    select
        week_start,
        previous_week_start,
        is_latest_complete_week,
        'segment' as component_type,
        segment_name as component,
        'mix' as effect,
        (current_share - previous_share) * (previous_v + current_v) / 2 as contribution,
        previous_segment_vpac as previous_value,
        current_segment_vpac as current_value,
        previous_share as previous_share_of_customers,
        current_share as current_share_of_customers,
        10 + 2 * sort_order as sort_order
    from segment_pairs
    union all
    select
        week_start,
        previous_week_start,
        is_latest_complete_week,
        'segment' as component_type,
        segment_name as component,
        'rate' as effect,
        (previous_share + current_share) / 2 * (current_v - previous_v) as contribution,
        previous_segment_vpac as previous_value,
        current_segment_vpac as current_value,
        previous_share as previous_share_of_customers,
        current_share as current_share_of_customers,
        11 + 2 * sort_order as sort_order
    from segment_pairs
)

select * from driver_splits
union all
select * from segment_splits
union all
select * from metric_changes
