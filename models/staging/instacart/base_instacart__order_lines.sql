-- Every line of the two order-lines files. This is the one place the 33.8M lines are
-- read from CSV in a build, and every column written costs time at that size, so the
-- lines are read as integers and stored as read. A line DuckDB's reader cannot parse
-- (a value that is not an integer, too few or too many fields) lands in its temporary
-- rejects table instead; the post-hook adds those lines here, with their raw text, so
-- that every line of both files is a row of this table. Values that parse but are out of
-- range, and checks that need other rows, are made downstream.
{{ config(
    materialized='table',
    pre_hook="{{ drop_csv_rejects('order_lines') }}",
    post_hook={
        "sql": "{{ add_unparsed_order_lines(this) }}",
        "transaction": false,
    },
) }}

select order_id, product_id, add_to_cart_order, reordered, false as is_train_file,
from {{ source('instacart', 'order_products__prior') }}
union all
select order_id, product_id, add_to_cart_order, reordered, true as is_train_file,
from {{ source('instacart', 'order_products__train') }}
