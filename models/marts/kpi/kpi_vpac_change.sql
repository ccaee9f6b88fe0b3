-- One row: VPAC and its two drivers in the history's current entry and in the previous
-- one (as kpi_metric_changes picks them), and VPAC's change split over the drivers with
-- the logarithmic mean (LMDI, macro log_mean): the two contributions add up to V1 - V0
-- with no residual.
-- A view, like the history it reads, so it includes the entry this build's hook records.
{{ config(materialized='view') }}
-- Relations named without the database: a view that names it stops working in a copy of
-- the warehouse file under another name (DuckDB names the database after the file).
with entries as (
    {{ scorecard_compared_entries(ref('kpi_scorecard_history').include(database=false)) }}
),

-- An aggregate without group by: exactly one row, even when the history is empty.
driver_values as (
    select
        any_value(entries.current_as_of_date) as current_as_of_date,
        any_value(entries.previous_as_of_date) as previous_as_of_date,
        max(history.value) filter (
            where history.as_of_date = entries.previous_as_of_date and history.metric_id = 'vpac'
        ) as previous_vpac,
        max(history.value) filter (
            where history.as_of_date = entries.current_as_of_date and history.metric_id = 'vpac'
        ) as current_vpac,
        max(history.value) filter (
            where history.as_of_date = entries.previous_as_of_date and history.metric_id = 'orders_per_customer'
        ) as previous_orders_per_customer,
        max(history.value) filter (
            where history.as_of_date = entries.current_as_of_date and history.metric_id = 'orders_per_customer'
        ) as current_orders_per_customer,
        max(history.value) filter (
            where history.as_of_date = entries.previous_as_of_date and history.metric_id = 'items_per_order'
        ) as previous_items_per_order,
        max(history.value) filter (
            where history.as_of_date = entries.current_as_of_date and history.metric_id = 'items_per_order'
        ) as current_items_per_order
    from entries
    left join {{ ref('kpi_scorecard_history').include(database=false) }} as history
        on history.as_of_date in (entries.current_as_of_date, entries.previous_as_of_date)
),

-- Logs need values above zero: with a zero or missing value (or no previous entry) the
-- split is undefined (null), and no log is taken of a value that has none.
weighted as (
    select
        *,
        case
            when previous_orders_per_customer > 0 and current_orders_per_customer > 0
                and previous_items_per_order > 0 and current_items_per_order > 0
                then {{ log_mean('current_vpac', 'previous_vpac') }}
        end as vpac_log_mean
    from driver_values
)

select
    current_as_of_date,
    previous_as_of_date,
    previous_as_of_date is not null as has_previous_entry,
    previous_vpac,
    current_vpac,
    previous_orders_per_customer,
    current_orders_per_customer,
    previous_items_per_order,
    current_items_per_order,
    current_vpac - previous_vpac as vpac_change,
    {{ safe_divide('current_vpac - previous_vpac', 'abs(previous_vpac)') }} as vpac_relative_change,
    vpac_log_mean,
    vpac_log_mean * ln(
        case when vpac_log_mean is not null then current_orders_per_customer / previous_orders_per_customer end
    ) as contribution_orders_per_customer,
    vpac_log_mean * ln(
        case when vpac_log_mean is not null then current_items_per_order / previous_items_per_order end
    ) as contribution_items_per_order
from weighted
