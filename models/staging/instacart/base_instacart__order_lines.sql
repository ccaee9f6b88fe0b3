-- Every row of the two order-lines files, cast and checked against the staged orders
-- and products, with the reason it cannot be staged (null when it can). This is the
-- one place the 33.8M lines are read from CSV in a build, so it is kept lean: the raw
-- text is dropped right after the cast unless the row fails a cast check.
{{ config(materialized='table') }}

with raw_lines as (
    select *, 'prior' as file_eval_set from {{ source('instacart', 'order_products__prior') }}
    union all
    select *, 'train' as file_eval_set from {{ source('instacart', 'order_products__train') }}
),

typed as (
    select
        try_cast(order_id as integer) as order_id,
        try_cast(product_id as integer) as product_id,
        try_cast(add_to_cart_order as integer) as add_to_cart_order,
        case reordered when '1' then true when '0' then false end as is_reordered,
        file_eval_set,
        case
            when try_cast(order_id as integer) is null or try_cast(order_id as integer) <= 0 then 'invalid_order_id'
            when try_cast(product_id as integer) is null or try_cast(product_id as integer) <= 0 then 'invalid_product_id'
            when try_cast(add_to_cart_order as integer) is null or try_cast(add_to_cart_order as integer) <= 0 then 'invalid_add_to_cart_order'
            when reordered is null or reordered not in ('0', '1') then 'invalid_reordered'
        end as cast_failure,
        case when cast_failure is not null then concat_ws(',',
            coalesce(order_id, ''), coalesce(product_id, ''),
            coalesce(add_to_cart_order, ''), coalesce(reordered, '')
        ) end as failed_raw_values,
    from raw_lines
),

checked as (
    select
        typed.order_id,
        typed.product_id,
        typed.add_to_cart_order,
        typed.is_reordered,
        typed.file_eval_set as eval_set,
        typed.failed_raw_values,
        case
            when typed.cast_failure is not null then typed.cast_failure
            when orders.order_id is null then 'unknown_order'
            when products.product_id is null then 'unknown_product'
            when orders.eval_set = 'test' then 'line_on_test_order'
            when orders.eval_set <> typed.file_eval_set then 'eval_set_mismatch'
            -- A line repeated within an order keeps its first copy by cart position.
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
    eval_set,
    rejection_reason,
    -- Rows that cast cleanly are written back from their values (same text as the file).
    case when rejection_reason is not null then coalesce(failed_raw_values, concat_ws(',',
        order_id, product_id, add_to_cart_order, cast(is_reordered as integer)
    )) end as raw_values,
from checked
