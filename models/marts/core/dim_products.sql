-- One row per staged product, with its aisle and department names.
select
    products.product_id,
    products.product_name,
    products.aisle_id,
    aisles.aisle_name,
    products.department_id,
    departments.department_name
from {{ ref('int_products__matched') }} as products
inner join {{ ref('stg_instacart__aisles') }} as aisles
    on products.aisle_id = aisles.aisle_id
inner join {{ ref('stg_instacart__departments') }} as departments
    on products.department_id = departments.department_id
where products.rejection_reason is null
