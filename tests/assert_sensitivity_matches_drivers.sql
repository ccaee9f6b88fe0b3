-- +1 of a driver adds exactly the other driver's value to VPAC ((F+1) x B - F x B = B), and
-- +1% of either adds 1% of VPAC; the sensitivity rows must agree with the North Star.
select
    sensitivity.driver_id,
    sensitivity.current_value,
    sensitivity.vpac_gain_per_unit,
    sensitivity.vpac_gain_per_one_percent,
    north_star.vpac
from {{ ref('kpi_sensitivity') }} as sensitivity
cross join {{ ref('kpi_north_star') }} as north_star
where not (
    {{ within_rounding(
        'sensitivity.vpac_gain_per_unit',
        "case sensitivity.driver_id when 'orders_per_customer' then north_star.items_per_order when 'items_per_order' then north_star.orders_per_customer end"
    ) }}
        and {{ within_rounding('sensitivity.current_value * sensitivity.vpac_gain_per_unit', 'north_star.vpac') }}
        and {{ within_rounding('sensitivity.vpac_gain_per_one_percent', '0.01 * north_star.vpac') }}
    )
