-- Every row of orders.csv, cast, with the reason it cannot be staged (null when it can).
-- The raw text is kept only on rejected rows, for the set-aside report.
{{ config(materialized='table') }}

with raw_orders as (
    select * from {{ source('instacart', 'orders') }}
),

typed as (
    select
        try_cast(order_id as integer) as order_id_int,
        try_cast(user_id as integer) as user_id_int,
        eval_set,
        try_cast(order_number as integer) as order_number_int,
        try_cast(order_dow as integer) as order_dow_int,
        try_cast(order_hour_of_day as integer) as order_hour_int,
        try_cast(days_since_prior_order as double) as days_double,
        order_id,
        user_id,
        order_number,
        order_dow,
        order_hour_of_day,
        days_since_prior_order,
    from raw_orders
),

cast_checked as (
    select
        *,
        case
            when order_id_int is null or order_id_int <= 0 then 'invalid_order_id'
            when user_id_int is null or user_id_int <= 0 then 'invalid_user_id'
            when eval_set is null or eval_set not in ('prior', 'train', 'test') then 'invalid_eval_set'
            when order_number_int is null or order_number_int <= 0 then 'invalid_order_number'
            when order_dow_int is null or order_dow_int not between 0 and 6 then 'invalid_order_dow'
            when order_hour_int is null or order_hour_int not between 0 and 23 then 'invalid_order_hour_of_day'
            when days_since_prior_order is not null and (
                days_double is null
                or days_double not between 0 and 30
                or days_double <> floor(days_double)
            ) then 'invalid_days_since_prior_order'
            when order_number_int = 1 and days_since_prior_order is not null then 'days_on_first_order'
        end as cast_failure,
    from typed
),

checked as (
    select
        order_id_int as order_id,
        user_id_int as user_id,
        eval_set,
        order_number_int as order_number,
        order_dow_int as order_dow,
        order_hour_int as order_hour_of_day,
        cast(days_double as integer) as days_since_prior_order,
        case
            when cast_failure is not null then cast_failure
            -- Every copy of a repeated order id is set aside: which one is right cannot be told.
            when count(*) over (partition by order_id_int) > 1 then 'duplicate_order_id'
        end as rejection_reason,
        case when cast_failure is not null then concat_ws(',',
            coalesce(order_id, ''), coalesce(user_id, ''), coalesce(eval_set, ''),
            coalesce(order_number, ''), coalesce(order_dow, ''), coalesce(order_hour_of_day, ''),
            coalesce(days_since_prior_order, '')
        ) end as failed_raw_values,
    from cast_checked
)

select
    order_id,
    user_id,
    eval_set,
    order_number,
    order_dow,
    order_hour_of_day,
    days_since_prior_order,
    rejection_reason,
    -- Rows that cast cleanly (repeated ids) are written back from their values.
    case when rejection_reason is not null then coalesce(failed_raw_values, concat_ws(',',
        order_id, user_id, eval_set, order_number, order_dow, order_hour_of_day,
        coalesce(printf('%.1f', days_since_prior_order), '')
    )) end as raw_values,
from checked
