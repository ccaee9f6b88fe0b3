-- One row per reported ISO week, segment (the customer's segment that week), aisle and
-- department, with their names: the week's items (order lines of observed orders) and
-- reordered items. The
-- department, aisle and segment x department splits of a week's change are read from these
-- counts; the one pass over the 33.8M lines that places each line in its week and segment.
{{ config(materialized='table') }}

with lines as (
    select
        order_id,
        product_id,
        is_reordered
    from {{ ref('int_order_lines__matched') }}
    where rejection_reason is null
),

orders as (
    select
        order_id,
        user_id,
        cast(date_trunc('week', order_date) as date) as week_start
    from {{ ref('stg_instacart__orders') }}
    where order_date is not null
),

customer_weeks as (
    select
        period_start as week_start,
        user_id,
        segment_name
    from {{ ref('int_customers__periods_summed') }}
    where grain = 'week'
),

products as (
    select
        product_id,
        aisle_id,
        aisle_name,
        department_id,
        department_name
    from {{ ref('int_products__matched') }}
    where rejection_reason is null
)

select
    orders.week_start,
    customer_weeks.segment_name,
    products.department_id,
    products.department_name,
    products.aisle_id,
    products.aisle_name,
    count(*) as items,
    count(case when lines.is_reordered then 1 end) as reordered_items
from lines
inner join orders
    on lines.order_id = orders.order_id
inner join customer_weeks
    on orders.week_start = customer_weeks.week_start
        and orders.user_id = customer_weeks.user_id
inner join products
    on lines.product_id = products.product_id
group by
    orders.week_start,
    customer_weeks.segment_name,
    products.department_id,
    products.department_name,
    products.aisle_id,
    products.aisle_name
