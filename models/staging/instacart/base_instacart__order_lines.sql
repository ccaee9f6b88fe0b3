-- Every row of the two order-lines files, cast and checked against the staged orders
-- and products, with the reason it cannot be staged (null when it can). This is the
-- one place the 33.8M lines are read from CSV in a build.
{{ config(materialized='table') }}

with raw_lines as (
    select *, 'prior' as file_eval_set from {{ source('instacart', 'order_products__prior') }}
    union all
    select *, 'train' as file_eval_set from {{ source('instacart', 'order_products__train') }}
),

typed as (
    select
        order_id as order_id_raw,
        product_id as product_id_raw,
        add_to_cart_order as add_to_cart_order_raw,
        reordered as reordered_raw,
        file_eval_set,
        try_cast(order_id as bigint) as order_id,
        try_cast(product_id as bigint) as product_id,
        try_cast(add_to_cart_order as integer) as add_to_cart_order,
        case reordered when '1' then true when '0' then false end as is_reordered,
    from raw_lines
),

checked as (
    select
        typed.*,
        case
            when typed.order_id is null or typed.order_id <= 0 then 'invalid_order_id'
            when typed.product_id is null or typed.product_id <= 0 then 'invalid_product_id'
            when typed.add_to_cart_order is null or typed.add_to_cart_order <= 0 then 'invalid_add_to_cart_order'
            when typed.is_reordered is null then 'invalid_reordered'
            when orders.order_id is null then 'unknown_order'
            when products.product_id is null then 'unknown_product'
            when orders.eval_set = 'test' then 'line_on_test_order'
            when orders.eval_set <> typed.file_eval_set then 'eval_set_mismatch'
            when row_number() over (
                partition by typed.order_id, typed.product_id
                order by typed.add_to_cart_order
            ) > 1 then 'duplicate_order_line'
        end as rejection_reason,
    from typed
    left join {{ ref('stg_instacart__orders') }} as orders
        on typed.order_id = orders.order_id
    left join {{ ref('stg_instacart__products') }} as products
        on typed.product_id = products.product_id
)

select
    order_id,
    product_id,
    add_to_cart_order,
    is_reordered,
    file_eval_set as eval_set,
    rejection_reason,
    case when rejection_reason is not null then concat_ws(',',
        coalesce(order_id_raw, ''), coalesce(product_id_raw, ''),
        coalesce(add_to_cart_order_raw, ''), coalesce(reordered_raw, '')
    ) end as raw_values,
from checked
