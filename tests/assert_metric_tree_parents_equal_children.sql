-- Every parent node of the driver tree equals the product or the sum of its children, as
-- the children's combine_with_siblings says; siblings share one rule, the root has none.
with tree as (
    select * from {{ ref('kpi_metric_tree') }}
),

children as (
    select
        parent_node_id,
        count(*) as child_nodes,
        count(distinct combine_with_siblings) as combine_rules,
        min(combine_with_siblings) as combine_with_siblings,
        {{ product_of('value') }} as children_product,
        sum(value) as children_sum
    from tree
    where parent_node_id is not null
    group by parent_node_id
),

checked as (
    select
        parents.node_id,
        parents.value,
        children.child_nodes,
        children.combine_rules,
        children.combine_with_siblings,
        case children.combine_with_siblings
            when 'product' then children.children_product
            when 'sum' then children.children_sum
        end as children_value
    from tree as parents
    inner join children
        on parents.node_id = children.parent_node_id
)

select
    node_id,
    value,
    children_value,
    combine_with_siblings,
    'parent differs from its children' as failure
from checked
where combine_rules <> 1
    or combine_with_siblings not in ('product', 'sum')
    or not {{ within_rounding('value', 'children_value') }}

union all

select
    node_id,
    value,
    null as children_value,
    combine_with_siblings,
    'root must have no combine rule and level 0' as failure
from tree
where parent_node_id is null
    and (combine_with_siblings is not null or node_level <> 0)

union all

select
    child.node_id,
    child.value,
    null as children_value,
    child.combine_with_siblings,
    'child must sit one level below its parent' as failure
from tree as child
left join tree as parent
    on child.parent_node_id = parent.node_id
where child.parent_node_id is not null
    and (parent.node_id is null or child.node_level <> parent.node_level + 1)
