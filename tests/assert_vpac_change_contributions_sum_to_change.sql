-- LMDI is exact: the two drivers' contributions to VPAC's change between the history's
-- previous and current entries add up to that change with no residual. Rounding only,
-- relative 1e-9 of VPAC's level: the contributions are products at that level, so near a
-- zero change (equal VPACs with moved drivers) their rounding is all there is.
-- A split that exists must be whole: both contributions, or (baseline, a zero value) neither.
select *
from {{ ref('kpi_vpac_change') }}
where (contribution_orders_per_customer is null) != (contribution_items_per_order is null)
    or abs(contribution_orders_per_customer + contribution_items_per_order - vpac_change)
    > 1e-9 * greatest(abs(previous_vpac), abs(current_vpac))
