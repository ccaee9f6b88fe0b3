-- One row per non-blank line of the two line files with the reason it cannot be used (null
-- when it can): its own values first (base_instacart__order_lines_checked), then its order's
-- problem, then its product's. Stored: the marts, the rollups and the set-aside rows all read
-- it, and it is the one place the 33.8M lines are joined to their orders and products.
{{ config(materialized='table') }}

with lines as (
    select * from {{ ref('base_instacart__order_lines_checked') }}
),

unmatched_keys as (
    select * from {{ ref('int_order_line_keys__unmatched') }}
)

select
    lines.order_id,
    lines.product_id,
    lines.add_to_cart_order,
    lines.is_reordered,
    lines.eval_set,
    coalesce(lines.rejection_reason, order_problems.problem, product_problems.problem) as rejection_reason,
    case
        when lines.rejection_reason is not null then lines.raw_values
        when coalesce(order_problems.problem, product_problems.problem) is not null
            then concat_ws(
                    ',', lines.order_id, lines.product_id, lines.add_to_cart_order, cast(lines.is_reordered as integer)
                )
    end as raw_values
from lines
left join unmatched_keys as order_problems
    on order_problems.key_type = 'order'
        and lines.order_id = order_problems.order_id
        and lines.eval_set = order_problems.eval_set
left join unmatched_keys as product_problems
    on product_problems.key_type = 'product'
        and lines.product_id = product_problems.product_id
