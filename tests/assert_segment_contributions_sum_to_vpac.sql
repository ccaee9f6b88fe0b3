-- VPAC = sum over bands of (customer share x band VPAC): the bands' contributions
-- add back to the North Star (rounding only: relative 1e-9).
with contributions as (
    select sum(contribution_to_vpac) as contribution_to_vpac
    from {{ ref('kpi_segments') }}
)

select
    north_star.vpac,
    contributions.contribution_to_vpac
from {{ ref('kpi_north_star') }} as north_star
cross join contributions
where north_star.active_customers > 0
    and not {{ within_rounding('north_star.vpac', 'contributions.contribution_to_vpac') }}
