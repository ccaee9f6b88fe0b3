-- One row per node of the VPAC driver tree: its parent, value and how it combines with
-- its siblings, so a figure can draw the tree from data alone. The shape is arithmetic
-- (VPAC = orders per customer x items per order; items per order = reordered + new),
-- so it lives here; words, units and snapshot values come from the scorecard, and the status
-- now from the latest complete week on dated data (else the snapshot's).
with latest_week as (
    select
        metric_id,
        status
    from {{ ref('kpi_weekly_scorecard') }}
    where is_latest_complete_week
),

tree_shape as (
    select
        shape.node_id,
        shape.parent_node_id,
        shape.node_level,
        shape.combine_with_siblings,
        shape.sort_order
    from (
        values
        ('vpac', null, 0, null, 1),
        ('orders_per_customer', 'vpac', 1, 'product', 2),
        ('items_per_order', 'vpac', 1, 'product', 3),
        ('reordered_items_per_order', 'items_per_order', 2, 'sum', 4),
        ('new_items_per_order', 'items_per_order', 2, 'sum', 5)
    ) as shape (node_id, parent_node_id, node_level, combine_with_siblings, sort_order)
)

select
    tree_shape.node_id,
    cast(tree_shape.parent_node_id as string) as parent_node_id,
    cast(tree_shape.node_level as integer) as node_level,
    scorecard.display_name,
    scorecard.value,
    scorecard.unit,
    scorecard.formula,
    cast(tree_shape.combine_with_siblings as string) as combine_with_siblings,
    cast(tree_shape.sort_order as integer) as sort_order,
    coalesce(latest_week.status, scorecard.status) as status,
    scorecard.owner_role
from tree_shape
left join {{ ref('kpi_scorecard') }} as scorecard
    on tree_shape.node_id = scorecard.metric_id
left join latest_week
    on tree_shape.node_id = latest_week.metric_id
