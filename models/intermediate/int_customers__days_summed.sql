-- One row per customer and day with an observed, dated order: every order measure (macro
-- kpi_order_measures) summed over the day's orders, the customer's observed orders on
-- earlier days (from which a period's segment is read), and the day's week and month.
-- The period rollups read these, never the lines.
{% set order_measures = kpi_order_measures() %}

with observed_orders as (
    select
        orders.user_id,
        orders.order_date,
        lines.line_count,
        lines.reordered_line_count,
        lines.is_small_basket
    from {{ ref('stg_instacart__orders') }} as orders
    inner join {{ ref('int_orders__lines_summed') }} as lines
        on orders.order_id = lines.order_id
    where orders.order_date is not null
),

days as (
    select
        user_id,
        order_date,
        {% for name, expression in order_measures %}
            cast(sum({{ expression }}) as bigint) as {{ name }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from observed_orders
    group by user_id, order_date
)

select
    *,
    cast(date_trunc('week', order_date) as date) as week_start,
    cast(date_trunc('month', order_date) as date) as month_start,
    cast(coalesce(sum(observed_orders) over (
        partition by user_id order by order_date rows between unbounded preceding and 1 preceding
    ), 0) as bigint) as orders_before_day
from days
