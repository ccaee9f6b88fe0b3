-- The department, aisle and segment x department splits are exact: per week and metric the
-- departments' parts add up to the metric's change, so do the aisles', and the cells' add up
-- to VPAC's change (rounding only, relative 1e-9 of the metric's level).
with splits as (
    select
        week_start,
        metric_id,
        split_by,
        sum(contribution) as total,
        any_value(metric_change) as metric_change,
        greatest(abs(any_value(previous_metric_value)), abs(any_value(current_metric_value))) as level
    from {{ ref('kpi_department_splits') }}
    group by week_start, metric_id, split_by
    union all
    select
        cells.week_start,
        'vpac' as metric_id,
        'cell' as split_by,
        sum(cells.contribution) as total,
        any_value(cells.vpac_change) as metric_change,
        greatest(abs(any_value(comparisons.value)), abs(any_value(comparisons.previous_value))) as level
    from {{ ref('kpi_cell_splits') }} as cells
    inner join {{ ref('kpi_metric_comparisons') }} as comparisons
        on cells.week_start = comparisons.period_start
            and comparisons.grain = 'week'
            and comparisons.segment = 'all'
            and comparisons.metric_id = 'vpac'
    group by cells.week_start
)

select *
from splits
where abs(total - metric_change) > 1e-9 * level
