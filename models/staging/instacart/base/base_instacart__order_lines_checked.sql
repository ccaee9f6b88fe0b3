-- Every order line with the reason it cannot be staged (null when it can): the line's own
-- failure (malformed, a value not a whole number or out of range, not UTF-8), else its
-- order's problem, else its product's, else a repeat. A view: the problem sets are small,
-- so each reader pays one scan of the stored lines and three small joins.
with lines as (
    select
        order_id,
        product_id,
        add_to_cart_order,
        reordered = 1 as is_reordered,
        case when is_train_file then 'train' else 'prior' end as eval_set,
        value_failure,
        rejected_line
    from {{ ref('base_instacart__order_lines') }}
)

select
    lines.order_id,
    lines.product_id,
    lines.add_to_cart_order,
    lines.is_reordered,
    lines.eval_set,
    coalesce(
        lines.value_failure,
        order_problems.problem,
        product_problems.problem,
        repeats.problem
    ) as rejection_reason,
    -- On a line set aside only: its text when its own values failed, else its values
    -- written back (a line written 10.0 or 007 shows as 10 or 7).
    case when rejection_reason is not null then coalesce(lines.rejected_line, concat_ws(
                ',',
                lines.order_id, lines.product_id, lines.add_to_cart_order, cast(lines.is_reordered as integer)
            ))
    end as raw_values
from lines
left join {{ ref('base_instacart__order_line_problems') }} as order_problems
    on order_problems.problem_level = 'order'
        and lines.order_id = order_problems.order_id
        and lines.eval_set = order_problems.eval_set
left join {{ ref('base_instacart__order_line_problems') }} as product_problems
    on product_problems.problem_level = 'product'
        and lines.product_id = product_problems.product_id
left join {{ ref('base_instacart__order_line_problems') }} as repeats
    on repeats.problem_level = 'repeat'
        and lines.order_id = repeats.order_id
        and lines.product_id = repeats.product_id
