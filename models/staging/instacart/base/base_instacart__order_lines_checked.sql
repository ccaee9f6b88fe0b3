-- Every order line with the reason its own values cannot be staged (null when they can):
-- malformed, a value not a whole number or out of range, not UTF-8, else a repeated
-- (order, product) pair. Whether its order and product exist is checked later, in
-- int_order_lines__matched: staging reads no other file. A view: its two readers each pay
-- one scan of the stored lines and a small join, cheaper than storing 33.8M rows again.
{{ config(materialized='view') }}

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
    coalesce(lines.value_failure, repeats.problem) as rejection_reason,
    -- On a line set aside only: its text when its own values failed, else its values
    -- written back (a line written 10.0 or 007 shows as 10 or 7).
    case
        when rejection_reason is not null then coalesce(lines.rejected_line, concat_ws(
                ',', lines.order_id, lines.product_id, lines.add_to_cart_order, cast(lines.is_reordered as integer)
            ))
    end as raw_values
from lines
left join {{ ref('base_instacart__order_line_repeats') }} as repeats
    on lines.order_id = repeats.order_id
        and lines.product_id = repeats.product_id
