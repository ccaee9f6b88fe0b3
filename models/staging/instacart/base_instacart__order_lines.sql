-- Every row of the two order-lines files, cast. This is the one place the 33.8M lines
-- are read from CSV in a build, and every column written costs seconds at that size,
-- so the table holds numbers and flags only: a value that does not cast is null here,
-- and the row's raw text is kept only then. Checks that need other rows (orders,
-- products, repeats) are made set-wise in base_instacart__order_line_problems.
{{ config(materialized='table') }}

with raw_lines as (
    select *, false as is_train_file from {{ source('instacart', 'order_products__prior') }}
    union all
    select *, true as is_train_file from {{ source('instacart', 'order_products__train') }}
),

typed as (
    select
        try_cast(order_id as integer) as order_id_int,
        try_cast(product_id as integer) as product_id_int,
        try_cast(add_to_cart_order as integer) as add_to_cart_order_int,
        case reordered when '1' then true when '0' then false end as is_reordered,
        is_train_file,
        order_id,
        product_id,
        add_to_cart_order,
        reordered,
    from raw_lines
)

select
    order_id_int as order_id,
    product_id_int as product_id,
    add_to_cart_order_int as add_to_cart_order,
    is_reordered,
    is_train_file,
    -- Built only for the rare row that fails a cast: text for 33.8M rows is not free.
    case
        when order_id_int is null or order_id_int <= 0
            or product_id_int is null or product_id_int <= 0
            or add_to_cart_order_int is null or add_to_cart_order_int <= 0
            or is_reordered is null
        then concat_ws(',',
            coalesce(order_id, ''), coalesce(product_id, ''),
            coalesce(add_to_cart_order, ''), coalesce(reordered, '')
        )
    end as failed_raw_values,
from typed
