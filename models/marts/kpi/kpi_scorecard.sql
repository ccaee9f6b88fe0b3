-- One row per metric in seed metric_definitions: its value over the whole history (the
-- snapshot), owner, tier, thresholds and status. On dated data the row also carries the
-- latest complete week (kpi_weekly_scorecard) and its status judges that week; on
-- undated data (or before a second complete week) the status judges the snapshot's level.
-- A metric's id names the kpi_north_star column holding its snapshot value.
with snapshot_values as (
    select
        metric_id,
        value
    from (
        select
            cast(active_customers as double) as active_customers,
            cast(observed_orders as double) as observed_orders,
            cast(items as double) as items,
            cast(reordered_items as double) as reordered_items,
            cast(new_items as double) as new_items,
            cast(orders_per_customer as double) as orders_per_customer,
            cast(items_per_order as double) as items_per_order,
            cast(vpac as double) as vpac,
            cast(reordered_items_per_order as double) as reordered_items_per_order,
            cast(new_items_per_order as double) as new_items_per_order,
            cast(reorder_rate as double) as reorder_rate,
            cast(small_basket_orders as double) as small_basket_orders,
            cast(small_basket_share as double) as small_basket_share,
            cast(median_days_between_orders as double) as median_days_between_orders,
            cast(one_time_customers as double) as one_time_customers,
            cast(one_time_customer_share as double) as one_time_customer_share
        from {{ ref('kpi_north_star') }}
    ) as north_star
    unpivot (
        value for metric_id in (
            active_customers,
            observed_orders,
            items,
            reordered_items,
            new_items,
            orders_per_customer,
            items_per_order,
            vpac,
            reordered_items_per_order,
            new_items_per_order,
            reorder_rate,
            small_basket_orders,
            small_basket_share,
            median_days_between_orders,
            one_time_customers,
            one_time_customer_share
        )
    )
),

latest_week as (
    select * from {{ ref('kpi_weekly_scorecard') }}
    where is_latest_complete_week
),

scored as (
    select
        metric_definitions.metric_id,
        metric_definitions.display_name,
        metric_definitions.tier,
        metric_definitions.metric_type,
        metric_definitions.owner_role,
        metric_definitions.unit,
        metric_definitions.direction,
        snapshot_values.value,
        metric_definitions.warn_threshold,
        metric_definitions.critical_threshold,
        metric_definitions.wow_change_warn,
        metric_definitions.wow_change_critical,
        latest_week.week_start,
        latest_week.previous_week_start,
        latest_week.this_week_value,
        latest_week.last_week_value,
        latest_week.wow_change,
        latest_week.wow_relative_change,
        case when latest_week.week_start is not null then 'latest_complete_week' else 'snapshot' end as status_basis,
        coalesce(
            latest_week.status,
            {{ kpi_status(
                'snapshot_values.value',
                'metric_definitions.direction',
                'metric_definitions.warn_threshold',
                'metric_definitions.critical_threshold'
            ) }}
        ) as status,
        metric_definitions.formula,
        metric_definitions.sort_order
    from {{ ref('metric_definitions') }} as metric_definitions
    left join snapshot_values
        on metric_definitions.metric_id = snapshot_values.metric_id
    left join latest_week
        on metric_definitions.metric_id = latest_week.metric_id
)

select
    *,
    {{ kpi_status_rank('status') }} as status_rank
from scored
