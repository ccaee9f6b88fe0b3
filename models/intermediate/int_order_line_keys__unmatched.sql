-- One row per order (by file) or product that lines with fine values of their own refer to
-- but that cannot be found among the staged orders or the usable products, with the problem.
-- Found set-wise, from the distinct keys, instead of joining 33.8M lines to each table.
{{ config(materialized='table') }}

with staged_lines as (
    select
        order_id,
        product_id,
        eval_set
    from {{ ref('stg_instacart__order_lines') }}
),

orders_in_lines as (
    select distinct
        order_id,
        eval_set
    from staged_lines
),

products_in_lines as (
    select distinct product_id
    from staged_lines
),

usable_products as (
    select product_id
    from {{ ref('int_products__matched') }}
    where rejection_reason is null
),

order_problems as (
    select
        'order' as key_type,
        lines.order_id,
        lines.eval_set,
        cast(null as integer) as product_id,
        case
            when orders.order_id is null then 'unknown_order'
            when orders.eval_set = 'test' then 'line_on_test_order'
            else 'eval_set_mismatch'
        end as problem
    from orders_in_lines as lines
    left join {{ ref('stg_instacart__orders') }} as orders
        on lines.order_id = orders.order_id
    where
        orders.order_id is null
        or orders.eval_set <> lines.eval_set
),

product_problems as (
    select
        'product' as key_type,
        cast(null as integer) as order_id,
        cast(null as string) as eval_set,
        lines.product_id,
        'unknown_product' as problem
    from products_in_lines as lines
    left join usable_products
        on lines.product_id = usable_products.product_id
    where usable_products.product_id is null
)

select * from order_problems
union all
select * from product_problems
