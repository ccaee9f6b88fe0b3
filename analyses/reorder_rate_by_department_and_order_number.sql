-- Whether loyalty builds with habit: the reorder rate (reordered items / items) per
-- department and band of the order's position in the customer's history.
-- `dbt compile --select reorder_rate_by_department_and_order_number`, then run the SQL
-- written to target/compiled/instacart_kpis/analyses/ against the warehouse.
select
    products.department_name,
    case
        when lines.order_number = 1 then '1'
        when lines.order_number <= 4 then '2-4'
        when lines.order_number <= 10 then '5-10'
        else '11+'
    end as order_number_band,
    min(lines.order_number) as first_order_number,
    count(*) as items,
    count_if(lines.is_reordered) / count(*) as reorder_rate
from {{ ref('fct_order_lines') }} as lines
inner join {{ ref('dim_products') }} as products
    on lines.product_id = products.product_id
group by products.department_name, order_number_band
order by products.department_name, first_order_number
