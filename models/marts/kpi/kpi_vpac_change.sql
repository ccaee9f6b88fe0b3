-- One row: VPAC and its two drivers in the latest build and in the build before it, and
-- VPAC's change split over the drivers with the logarithmic mean (LMDI, DESIGN.md). With
-- V = F x B: L(a, b) = (a - b) / (ln a - ln b), and a when a = b; F contributes
-- L(V1, V0) x ln(F1 / F0) and B contributes L(V1, V0) x ln(B1 / B0). The two add up to
-- V1 - V0 with no residual. "Before" follows the same rule as kpi_metric_changes.
with history as (
    select
        run_started_at,
        metric_id,
        value,
        {{ scorecard_build_rank() }} as build_rank,
    from {{ ref('kpi_scorecard_history') }}
),

-- An aggregate without group by: exactly one row, even when the history is empty.
builds as (
    select
        max(run_started_at) filter (where build_rank = 1) as current_run_started_at,
        max(run_started_at) filter (where build_rank = 2) as previous_run_started_at,
        max(value) filter (where build_rank = 2 and metric_id = 'vpac') as previous_vpac,
        max(value) filter (where build_rank = 1 and metric_id = 'vpac') as current_vpac,
        max(value) filter (where build_rank = 2 and metric_id = 'orders_per_customer') as previous_orders_per_customer,
        max(value) filter (where build_rank = 1 and metric_id = 'orders_per_customer') as current_orders_per_customer,
        max(value) filter (where build_rank = 2 and metric_id = 'items_per_order') as previous_items_per_order,
        max(value) filter (where build_rank = 1 and metric_id = 'items_per_order') as current_items_per_order,
    from history
),

-- Logs need values above zero: with a zero or missing value (or no previous build) the
-- split is undefined (null), and no log is taken of a value that has none.
guarded as (
    select
        *,
        coalesce(
            previous_vpac > 0 and current_vpac > 0
            and previous_orders_per_customer > 0 and current_orders_per_customer > 0
            and previous_items_per_order > 0 and current_items_per_order > 0,
            false
        ) as can_split,
    from builds
),

log_changes as (
    select
        *,
        ln(case when can_split then current_vpac / previous_vpac end) as log_change_vpac,
        ln(case when can_split then current_orders_per_customer / previous_orders_per_customer end) as log_change_orders_per_customer,
        ln(case when can_split then current_items_per_order / previous_items_per_order end) as log_change_items_per_order,
    from guarded
),

weighted as (
    select
        *,
        case
            -- a = b (or equal to rounding, where the log of the ratio is 0): L(a, a) = a.
            when log_change_vpac = 0 then current_vpac
            -- ln a - ln b, taken as ln(a / b) like the drivers' logs.
            else (current_vpac - previous_vpac) / log_change_vpac
        end as vpac_log_mean,
    from log_changes
)

select
    current_run_started_at,
    previous_run_started_at,
    previous_run_started_at is not null as has_previous_run,
    previous_vpac,
    current_vpac,
    previous_orders_per_customer,
    current_orders_per_customer,
    previous_items_per_order,
    current_items_per_order,
    current_vpac - previous_vpac as vpac_change,
    vpac_log_mean,
    vpac_log_mean * log_change_orders_per_customer as contribution_orders_per_customer,
    vpac_log_mean * log_change_items_per_order as contribution_items_per_order,
from weighted
