-- One row per product whose own values are fine (stg_instacart__products), checked against
-- the staged aisles and departments: their names, the reason it cannot be used (null when it
-- can) and, on a product set aside, its values written back as a CSV line.
with products as (
    select * from {{ ref('stg_instacart__products') }}
),

checked as (
    select
        products.product_id,
        products.product_name,
        products.aisle_id,
        products.department_id,
        aisles.aisle_name,
        departments.department_name,
        case
            when aisles.aisle_id is null then 'unknown_aisle'
            when departments.department_id is null then 'unknown_department'
        end as rejection_reason,
        -- The name as the file quotes it when it holds a comma, a quote or a line end.
        {{ csv_quoted('products.product_name') }} as product_name_in_csv
    from products
    left join {{ ref('stg_instacart__aisles') }} as aisles
        on products.aisle_id = aisles.aisle_id
    left join {{ ref('stg_instacart__departments') }} as departments
        on products.department_id = departments.department_id
)

select
    product_id,
    product_name,
    aisle_id,
    department_id,
    aisle_name,
    department_name,
    rejection_reason,
    case
        when rejection_reason is not null
            then concat_ws(',', product_id, product_name_in_csv, aisle_id, department_id)
    end as raw_values
from checked
