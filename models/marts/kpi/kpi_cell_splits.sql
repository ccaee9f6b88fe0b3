-- One row per complete ISO week (against the week before), segment and department: the
-- cell's part of VPAC's week-over-week change, exact and additive (VPAC = sum over segment x
-- department cells of items / active customers, so its change = sum over cells of
-- I_sd1 / C1 - I_sd0 / C0), ranked by size within the week. The cells that carry most of a
-- move say which customers bought less of what.
with cells as (
    select
        week_start,
        segment_name,
        department_name,
        cast(sum(items) as bigint) as items
    from {{ ref('int_order_lines__weeks_summed') }}
    group by week_start, segment_name, department_name
),

weeks as (
    select
        period_start as week_start,
        previous_period_start as previous_week_start,
        change as vpac_change
    from {{ ref('kpi_metric_comparisons') }}
    where grain = 'week'
        and segment = 'all'
        and metric_id = 'vpac'
        and is_complete
        and previous_period_start is not null
),

customers as (
    select
        period_start as week_start,
        denominator as active_customers
    from {{ ref('kpi_metric_values') }}
    where grain = 'week' and segment = 'all' and metric_id = 'vpac'
),

seen as (
    select
        weeks.week_start,
        cells.segment_name,
        cells.department_name
    from weeks
    inner join cells
        on weeks.week_start = cells.week_start
    union
    select
        weeks.week_start,
        cells.segment_name,
        cells.department_name
    from weeks
    inner join cells
        on weeks.previous_week_start = cells.week_start
),

valued as (
    select
        weeks.week_start,
        weeks.previous_week_start,
        seen.segment_name,
        seen.department_name,
        coalesce(previous_cells.items, 0) as previous_items,
        coalesce(current_cells.items, 0) as current_items,
        {{ safe_divide('coalesce(current_cells.items, 0)', 'current_customers.active_customers') }}
        - {{ safe_divide('coalesce(previous_cells.items, 0)', 'previous_customers.active_customers') }} as contribution,
        weeks.vpac_change
    from weeks
    inner join seen
        on weeks.week_start = seen.week_start
    left join cells as current_cells
        on seen.week_start = current_cells.week_start
            and seen.segment_name = current_cells.segment_name
            and seen.department_name = current_cells.department_name
    left join cells as previous_cells
        on weeks.previous_week_start = previous_cells.week_start
            and seen.segment_name = previous_cells.segment_name
            and seen.department_name = previous_cells.department_name
    inner join customers as current_customers
        on weeks.week_start = current_customers.week_start
    inner join customers as previous_customers
        on weeks.previous_week_start = previous_customers.week_start
)

select
    week_start,
    previous_week_start,
    segment_name,
    department_name,
    previous_items,
    current_items,
    contribution,
    {{ safe_divide('contribution', 'vpac_change') }} as share_of_change,
    vpac_change,
    cast(row_number() over (
        partition by week_start order by abs(contribution) desc, segment_name, department_name asc
    ) as integer) as rank_in_week
from valued
