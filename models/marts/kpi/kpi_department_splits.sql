-- One row per complete ISO week (against the week before), metric (VPAC, items per order),
-- split (department, aisle) and component: how the metric's week-over-week change splits over
-- departments and aisles, exactly and additively. VPAC = sum over departments of items_d /
-- active customers, so its change = sum over d of (I_d1 / C1 - I_d0 / C0); the same for items
-- per order with observed orders in place of customers. Each component's share of the change
-- sits beside its share of the items: a department that carries much more of the change than
-- of the items is where the move is concentrated.
with week_items as (
    select
        week_start,
        department_id,
        department_name,
        aisle_id,
        aisle_name,
        sum(items) as items,
        sum(reordered_items) as reordered_items
    from {{ ref('int_order_lines__weeks_summed') }}
    group by week_start, department_id, department_name, aisle_id, aisle_name
),

components as (
    select
        'department' as split_by,
        week_start,
        cast(department_id as string) as component_id,
        department_name as component_name,
        department_name,
        sum(items) as items,
        sum(reordered_items) as reordered_items
    from week_items
    group by week_start, department_id, department_name
    union all
    select
        'aisle' as split_by,
        week_start,
        cast(aisle_id as string) as component_id,
        aisle_name as component_name,
        department_name,
        sum(items) as items,
        sum(reordered_items) as reordered_items
    from week_items
    group by week_start, aisle_id, aisle_name, department_name
),

-- The denominators and the metric's change, from the metric spine.
weeks as (
    select
        period_start as week_start,
        previous_period_start as previous_week_start,
        metric_id,
        value as current_metric_value,
        previous_value as previous_metric_value,
        change as metric_change
    from {{ ref('kpi_metric_comparisons') }}
    where grain = 'week'
        and segment = 'all'
        and is_complete
        and previous_period_start is not null
        and metric_id in ('vpac', 'items_per_order')
),

denominators as (
    select
        period_start as week_start,
        max(case when metric_id = 'vpac' then denominator end) as customers,
        max(case when metric_id = 'items_per_order' then denominator end) as orders,
        max(case when metric_id = 'items' then value end) as items
    from {{ ref('kpi_metric_values') }}
    where grain = 'week' and segment = 'all'
    group by period_start
),

-- Every component seen in either week, so one that vanishes still carries its fall.
seen as (
    select
        weeks.week_start,
        components.split_by,
        components.component_id,
        components.component_name,
        components.department_name
    from weeks
    inner join components
        on weeks.week_start = components.week_start
    union
    select
        weeks.week_start,
        components.split_by,
        components.component_id,
        components.component_name,
        components.department_name
    from weeks
    inner join components
        on weeks.previous_week_start = components.week_start
),

pairs as (
    select
        weeks.*,
        seen.split_by,
        seen.component_id,
        seen.component_name,
        seen.department_name
    from weeks
    inner join seen
        on weeks.week_start = seen.week_start
),

valued as (
    select
        pairs.*,
        cast(coalesce(current_items.items, 0) as bigint) as current_items,
        cast(coalesce(previous_items.items, 0) as bigint) as previous_items,
        {{ safe_divide('coalesce(current_items.reordered_items, 0)', 'current_items.items') }} as current_reorder_rate,
        {{ safe_divide('coalesce(previous_items.reordered_items, 0)', 'previous_items.items') }}
            as previous_reorder_rate,
        {{ safe_divide('coalesce(current_items.items, 0)', 'current_totals.items') }} as current_share_of_items,
        {{ safe_divide('coalesce(previous_items.items, 0)', 'previous_totals.items') }} as previous_share_of_items,
        {{ safe_divide(
            'coalesce(current_items.items, 0)',
            "case pairs.metric_id when 'vpac' then current_totals.customers else current_totals.orders end"
        ) }} as current_value,
        {{ safe_divide(
            'coalesce(previous_items.items, 0)',
            "case pairs.metric_id when 'vpac' then previous_totals.customers else previous_totals.orders end"
        ) }} as previous_value
    from pairs
    left join components as current_items
        on pairs.split_by = current_items.split_by
            and pairs.component_id = current_items.component_id
            and pairs.week_start = current_items.week_start
    left join components as previous_items
        on pairs.split_by = previous_items.split_by
            and pairs.component_id = previous_items.component_id
            and pairs.previous_week_start = previous_items.week_start
    inner join denominators as current_totals
        on pairs.week_start = current_totals.week_start
    inner join denominators as previous_totals
        on pairs.previous_week_start = previous_totals.week_start
)

select
    valued.week_start,
    valued.previous_week_start,
    valued.metric_id,
    valued.split_by,
    valued.component_id,
    valued.component_name,
    valued.department_name,
    valued.previous_items,
    valued.current_items,
    valued.previous_share_of_items,
    valued.current_share_of_items,
    valued.previous_value,
    valued.current_value,
    valued.current_value - valued.previous_value as contribution,
    {{ safe_divide('valued.current_value - valued.previous_value', 'valued.metric_change') }} as share_of_change,
    {{ safe_divide('valued.current_value', 'valued.previous_value') }} - 1 as relative_change,
    valued.previous_reorder_rate,
    valued.current_reorder_rate,
    valued.metric_change,
    valued.previous_metric_value,
    valued.current_metric_value
from valued
