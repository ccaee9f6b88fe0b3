-- One row: the North Star (VPAC), its drivers and guardrails over the whole history (the
-- snapshot, segment all), with the counts behind them and the data's as_of date. A wide
-- copy of the spine's snapshot rows for people and contracts that read one row; the counts
-- come from the measures the spine is built from.
with snapshot_measures as (
    select * from {{ ref('int_period_segments__measured') }}
    where grain = 'snapshot' and segment_name = 'all'
),

snapshot_values as (
    select
        metric_id,
        value
    from {{ ref('kpi_metric_values') }}
    where grain = 'snapshot' and segment = 'all'
),

metric_columns as (
    select
        max(case when metric_id = 'orders_per_customer' then value end) as orders_per_customer,
        max(case when metric_id = 'items_per_order' then value end) as items_per_order,
        max(case when metric_id = 'vpac' then value end) as vpac,
        max(case when metric_id = 'reordered_items_per_order' then value end) as reordered_items_per_order,
        max(case when metric_id = 'new_items_per_order' then value end) as new_items_per_order,
        max(case when metric_id = 'reorder_rate' then value end) as reorder_rate,
        max(case when metric_id = 'small_basket_share' then value end) as small_basket_share,
        max(case when metric_id = 'median_days_between_orders' then value end) as median_days_between_orders,
        max(case when metric_id = 'one_time_customer_share' then value end) as one_time_customer_share
    from snapshot_values
)

select
    snapshot_measures.period_start as as_of_date,
    snapshot_measures.active_customers,
    snapshot_measures.observed_orders,
    snapshot_measures.items,
    snapshot_measures.reordered_items,
    snapshot_measures.new_items,
    metric_columns.orders_per_customer,
    metric_columns.items_per_order,
    metric_columns.vpac,
    metric_columns.reordered_items_per_order,
    metric_columns.new_items_per_order,
    metric_columns.reorder_rate,
    snapshot_measures.small_basket_orders,
    metric_columns.small_basket_share,
    metric_columns.median_days_between_orders,
    snapshot_measures.one_time_customers,
    metric_columns.one_time_customer_share
from snapshot_measures
cross join metric_columns
