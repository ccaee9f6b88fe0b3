-- Which departments customers come back for: per department, the items bought (order
-- lines of observed orders), their share of all items and the reorder rate (reordered
-- items / items, a ratio of sums), largest departments first.
-- `dbt compile --select department_reorder_rates`, then run the SQL written to
-- target/compiled/instacart_kpis/analyses/ against the warehouse.
select
    products.department_name,
    count(*) as items,
    count(*) / sum(count(*)) over () as share_of_items,
    count_if(lines.is_reordered) / count(*) as reorder_rate
from {{ ref('fct_order_lines') }} as lines
inner join {{ ref('dim_products') }} as products
    on lines.product_id = products.product_id
group by products.department_name
order by items desc, products.department_name asc
