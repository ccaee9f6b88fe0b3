-- The bands' shares of customers, orders and items each sum to 1 (rounding only).
-- No active customers at all: every share is undefined and there is nothing to check.
with share_sums as (
    select
        sum(share_of_customers) as share_of_customers,
        sum(share_of_orders) as share_of_orders,
        sum(share_of_items) as share_of_items
    from {{ ref('kpi_segments') }}
)

select share_sums.*
from share_sums
cross join {{ ref('kpi_north_star') }} as north_star
where north_star.active_customers > 0
    and not (
        {{ within_rounding('share_sums.share_of_customers', 1) }}
        and {{ within_rounding('share_sums.share_of_orders', 1) }}
        and {{ within_rounding('share_sums.share_of_items', 1) }}
    )
