-- Every order line with the reason it cannot be staged (null when it can): a line that
-- does not parse, else the first value out of range, else its order's problem, else its
-- product's, else a repeat. A view: the problem sets are small, so each reader pays one
-- scan of the stored lines and three small joins.
with lines as (
    select
        order_id,
        product_id,
        add_to_cart_order,
        reordered,
        reordered = 1 as is_reordered,
        case when is_train_file then 'train' else 'prior' end as eval_set,
        unparsed_line,
        case
            when parse_failure is not null then parse_failure
            when order_id is null or order_id <= 0 then 'invalid_order_id'
            when product_id is null or product_id <= 0 then 'invalid_product_id'
            when add_to_cart_order is null or add_to_cart_order <= 0 then 'invalid_add_to_cart_order'
            when reordered is null or reordered not in (0, 1) then 'invalid_reordered'
        end as value_failure,
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
    -- The line as written, for a line set aside only (empty fields stay empty).
    case when rejection_reason is not null then coalesce(lines.unparsed_line, concat_ws(',',
        coalesce(cast(lines.order_id as varchar), ''), coalesce(cast(lines.product_id as varchar), ''),
        coalesce(cast(lines.add_to_cart_order as varchar), ''), coalesce(cast(lines.reordered as varchar), '')
    )) end as raw_values,
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
