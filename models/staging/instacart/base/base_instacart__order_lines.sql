-- Every line of the two order-lines files, one row each: the four values as integers when
-- the line is four whole numbers in range, else the reason it cannot be staged and its
-- text. This is the one place the 33.8M lines are read in a build. Most lines are plain
-- (four runs of digits), so they are split and cast at once; only the others pay for a
-- field-by-field look (quotes taken off, as CSV means them) to name what is wrong. Checks
-- that need other rows (unknown orders and products, repeats) are made downstream.
{{ config(
    pre_hook=["{{ drop_csv_rejects('order_products__prior') }}", "{{ drop_csv_rejects('order_products__train') }}"],
    post_hook={"sql": "{{ add_unreadable_order_lines(this) }}", "transaction": target.type == 'spark'},
) }}
-- depends_on: {{ ref('base_instacart__raw_files') }}
-- depends_on: {{ source('instacart', 'order_products__prior') }}
-- depends_on: {{ source('instacart', 'order_products__train') }}

with raw_lines as (
    select
        line,
        false as is_train_file
    from {{ instacart_raw_lines('order_products__prior') }}
    union all
    select
        line,
        true as is_train_file
    from {{ instacart_raw_lines('order_products__train') }}
),

split_lines as (
    select
        line,
        is_train_file,
        {{ full_match('line', "'[0-9]{1,9},[0-9]{1,9},[0-9]{1,9},[0-9]{1,9}'") }} as is_plain,
        case when not is_plain then {{ split_text(csv_unquoted_line('line'), "','") }} end as fields
    from raw_lines
),

typed_lines as (
    select
        line,
        is_train_file,
        case when is_plain then {{ cast_integer_list(split_text('line', "','")) }} else {{ integer_list([
                    strict_integer(list_item('fields', 1)),
                    strict_integer(list_item('fields', 2)),
                    strict_integer(list_item('fields', 3)),
                    strict_integer(list_item('fields', 4)),
                ]) }}
        end as numbers,
        not is_plain and {{ list_length('fields') }} <> 4 as is_malformed
    from split_lines
),

checked_lines as (
    select
        {{ list_item('numbers', 1) }} as order_id,
        {{ list_item('numbers', 2) }} as product_id,
        {{ list_item('numbers', 3) }} as add_to_cart_order,
        {{ list_item('numbers', 4) }} as reordered,
        is_train_file,
        case
            when is_malformed then 'malformed_line'
            when order_id is null or order_id <= 0 then 'invalid_order_id'
            when product_id is null or product_id <= 0 then 'invalid_product_id'
            when add_to_cart_order is null or add_to_cart_order <= 0 then 'invalid_add_to_cart_order'
            when reordered is null or reordered not in (0, 1) then 'invalid_reordered'
        end as value_failure,
        line
    from typed_lines
)

select
    case when value_failure is null then order_id end as order_id,
    case when value_failure is null then product_id end as product_id,
    case when value_failure is null then add_to_cart_order end as add_to_cart_order,
    case when value_failure is null then reordered end as reordered,
    is_train_file,
    value_failure,
    case when value_failure is not null then line end as rejected_line
from checked_lines
