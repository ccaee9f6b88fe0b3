-- One row per (order, product) pair that appears on more than one line of the line files,
-- among lines whose own values are fine. Every copy is set aside: the copies may disagree
-- (cart position, reordered flag) and which one is right cannot be told.
select
    order_id,
    product_id,
    'duplicate_order_line' as problem
from {{ ref('base_instacart__order_lines') }}
where value_failure is null
group by order_id, product_id
having count(*) > 1
