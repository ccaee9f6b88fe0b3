-- One row per staged order line with its order's date, for the semantic layer: MetricFlow
-- places a measure in time by a date on its own rows, and fct_order_lines has none.
-- A view: the lines are stored once, in base_instacart__order_lines.
{{ config(materialized='view') }}

select
    lines.order_id,
    lines.product_id,
    lines.user_id,
    lines.order_number,
    lines.is_reordered,
    orders.order_date
from {{ ref('fct_order_lines') }} as lines
left join {{ ref('fct_orders') }} as orders
    on lines.order_id = orders.order_id
