-- One row per order that has at least one staged line: its line counts. A table: it
-- is the one aggregation of the 33.8M staged lines, and several models and tests read it.
{{ config(materialized='table') }}

select
    order_id,
    eval_set,
    count(*) as line_count,
    count(*) filter (where is_reordered) as reordered_line_count
from {{ ref('int_order_lines__matched') }}
where rejection_reason is null
group by order_id, eval_set
