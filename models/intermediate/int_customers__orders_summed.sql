-- One row per customer with at least one staged order: orders placed, and every order
-- measure (macro kpi_order_measures) summed over the customer's observed orders. Read from
-- staging and the per-order line counts (never from a mart).
{% set order_measures = kpi_order_measures() %}

with orders as (
    select
        orders.user_id,
        orders.order_number,
        lines.order_id is not null as is_observed,
        lines.line_count,
        lines.reordered_line_count,
        lines.is_small_basket
    from {{ ref('stg_instacart__orders') }} as orders
    left join {{ ref('int_orders__lines_summed') }} as lines
        on orders.order_id = lines.order_id
)

select
    user_id,
    count(*) as orders_placed,
    {% for name, expression in order_measures %}
        cast(coalesce(sum(case when is_observed then {{ expression }} end), 0) as bigint) as {{ name }},
    {% endfor %}
    min(order_number) as first_order_number,
    max(order_number) as last_order_number
from orders
group by user_id
