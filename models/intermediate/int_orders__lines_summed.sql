-- One row per order that has at least one staged line: its line counts and whether it is a
-- small basket (the one place the var small_basket_max_lines is applied). A table: it is
-- the one aggregation of the 33.8M staged lines, and several models and tests read it.
{{ config(materialized='table') }}

with line_counts as (
    select
        order_id,
        eval_set,
        count(*) as line_count,
        count(*) filter (where is_reordered) as reordered_line_count
    from {{ ref('int_order_lines__matched') }}
    where rejection_reason is null
    group by order_id, eval_set
)

select
    order_id,
    eval_set,
    line_count,
    reordered_line_count,
    line_count <= {{ var('small_basket_max_lines') }} as is_small_basket
from line_counts
