-- Where each segment's VPAC comes from: per segment and department, the items the
-- segment's active customers bought there per active customer of the segment (its part
-- of the segment's VPAC; the departments of a segment add up to the segment's VPAC).
-- `dbt compile --select vpac_by_segment_and_department`, then run the SQL written to
-- target/compiled/instacart_kpis/analyses/ against the warehouse.
with segment_customers as (
    select
        segment_name,
        count(*) as active_customers
    from {{ ref('dim_customers') }}
    where is_active
    group by segment_name
),

segment_department_items as (
    select
        customers.segment_name,
        products.department_name,
        count(*) as items
    from {{ ref('fct_order_lines') }} as lines
    inner join {{ ref('dim_customers') }} as customers
        on lines.user_id = customers.user_id
    inner join {{ ref('dim_products') }} as products
        on lines.product_id = products.product_id
    group by customers.segment_name, products.department_name
)

select
    items.segment_name,
    items.department_name,
    items.items,
    segment_customers.active_customers,
    items.items / segment_customers.active_customers as vpac_from_department,
    items.items / sum(items.items) over (partition by items.segment_name) as share_of_segment_items
from segment_department_items as items
inner join segment_customers
    on items.segment_name = segment_customers.segment_name
order by items.segment_name asc, items.items desc, items.department_name asc
