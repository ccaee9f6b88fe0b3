-- One row per order that has at least one staged line: its line counts.
select
    order_id,
    count(*) as line_count,
    count(*) filter (where is_reordered) as reordered_line_count,
from {{ ref('stg_instacart__order_lines') }}
group by order_id
