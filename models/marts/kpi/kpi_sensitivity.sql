-- One row per driver of VPAC (orders per customer, items per order): what +1 unit or +1%
-- of the driver is worth in items per customer, the other driver held fixed.
-- VPAC = F x B, so +1 of F adds B, +1 of B adds F, and +1% of either adds 1% of VPAC.
with drivers as (
    select
        orders_per_customer,
        items_per_order
    from {{ ref('kpi_north_star') }}
),

driver_rows as (
    select
        'orders_per_customer' as driver_id,
        orders_per_customer as current_value,
        items_per_order as vpac_gain_per_unit,
        -- Larger lever when its gain per unit (items per order) beats the other's
        -- (orders per customer); on a tie neither is.
        coalesce(items_per_order > orders_per_customer, false) as is_larger_lever,
        'items_per_order' as other_driver_id,
        1 as sort_order
    from drivers
    union all
    select
        'items_per_order' as driver_id,
        items_per_order as current_value,
        orders_per_customer as vpac_gain_per_unit,
        coalesce(orders_per_customer > items_per_order, false) as is_larger_lever,
        'orders_per_customer' as other_driver_id,
        2 as sort_order
    from drivers
)

select
    driver_rows.driver_id,
    definitions.display_name,
    driver_rows.current_value,
    driver_rows.vpac_gain_per_unit,
    0.01 * driver_rows.current_value * driver_rows.vpac_gain_per_unit as vpac_gain_per_one_percent,
    driver_rows.is_larger_lever,
    driver_rows.other_driver_id,
    driver_rows.sort_order
from driver_rows
left join {{ ref('metric_definitions') }} as definitions
    on driver_rows.driver_id = definitions.metric_id
