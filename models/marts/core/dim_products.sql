-- One row per staged product, with its aisle and department names.
select
    product_id,
    product_name,
    aisle_id,
    aisle_name,
    department_id,
    department_name
from {{ ref('int_products__matched') }}
where rejection_reason is null
