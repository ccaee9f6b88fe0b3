-- The keys of order lines whose own values are fine but that cannot be staged, found set-wise
-- (a few small aggregates instead of joining 33.8M lines to the orders): one row per
-- problem order (by file), problem product, or repeated (order, product) pair.

with in_range_lines as (
    select
        order_id,
        product_id,
        is_train_file
    from {{ ref('base_instacart__order_lines') }}
    where value_failure is null
),

orders_in_lines as (
    select
        order_id,
        case when is_train_file then 'train' else 'prior' end as eval_set
    from (
        select distinct
            order_id,
            is_train_file
        from in_range_lines
    ) as distinct_orders
),

order_problems as (
    select
        'order' as problem_level,
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
    where orders.order_id is null
        or orders.eval_set <> lines.eval_set
),

product_problems as (
    select
        'product' as problem_level,
        cast(null as integer) as order_id,
        cast(null as varchar) as eval_set,
        lines.product_id,
        'unknown_product' as problem
    from (select distinct product_id from in_range_lines) as lines
    anti join {{ ref('stg_instacart__products') }} as products
        on lines.product_id = products.product_id
),

-- Every copy of a repeated (order, product) is set aside: the copies may disagree
-- (cart position, reordered flag) and which one is right cannot be told.
repeated_lines as (
    select distinct
        'repeat' as problem_level,
        order_id,
        cast(null as varchar) as eval_set,
        product_id,
        'duplicate_order_line' as problem
    from (
        select
            order_id,
            product_id,
            count(*) over (partition by order_id, product_id) as copies
        from in_range_lines
    ) as counted_lines
    where copies > 1
)

select * from order_problems
union all
select * from product_problems
union all
select * from repeated_lines
