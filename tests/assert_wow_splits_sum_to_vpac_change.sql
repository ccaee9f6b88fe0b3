-- Both splits of VPAC's week-over-week change are exact: per week, the drivers' LMDI
-- contributions add up to the change, and so do the segments' mix and rate effects.
-- Rounding only, relative 1e-9 of VPAC's level (the contributions are products at that
-- level, so near a zero change their rounding is all there is). A split is whole or
-- absent: when VPAC's change is undefined (a week without customers) every part is null.
with vpac_changes as (
    select
        period_start as week_start,
        previous_value,
        value as current_value,
        change as vpac_change
    from {{ ref('kpi_metric_comparisons') }}
    where grain = '{{ kpi_review_grain() }}' and segment = 'all' and metric_id = 'vpac'
),

splits as (
    select
        week_start,
        component_type,
        sum(contribution) as total_contribution,
        count(contribution) as parts,
        count(*) as components
    from {{ ref('kpi_wow_attribution') }}
    group by week_start, component_type
)

select
    splits.week_start,
    splits.component_type,
    splits.total_contribution,
    vpac_changes.vpac_change,
    splits.parts,
    splits.components
from splits
left join vpac_changes
    on splits.week_start = vpac_changes.week_start
where splits.parts not in (0, splits.components)
    or (vpac_changes.vpac_change is null) <> (splits.parts = 0)
    or abs(splits.total_contribution - vpac_changes.vpac_change)
    > 1e-9 * greatest(abs(vpac_changes.previous_value), abs(vpac_changes.current_value))
