-- Every row of orders.csv, cast, with the reason it cannot be staged (null when it can).
-- The raw text is kept only on rejected rows, for the set-aside report.
{{ config(materialized='table') }}

with raw_orders as (
    select * from {{ source('instacart', 'orders') }}
),

typed as (
    select
        order_id as order_id_raw,
        user_id as user_id_raw,
        eval_set as eval_set_raw,
        order_number as order_number_raw,
        order_dow as order_dow_raw,
        order_hour_of_day as order_hour_raw,
        days_since_prior_order as days_raw,
        try_cast(order_id as bigint) as order_id,
        try_cast(user_id as bigint) as user_id,
        eval_set,
        try_cast(order_number as integer) as order_number,
        try_cast(order_dow as integer) as order_dow,
        try_cast(order_hour_of_day as integer) as order_hour_of_day,
        try_cast(days_since_prior_order as double) as days_since_prior_order,
    from raw_orders
),

checked as (
    select
        *,
        case
            when order_id is null or order_id <= 0 then 'invalid_order_id'
            when user_id is null or user_id <= 0 then 'invalid_user_id'
            when eval_set is null or eval_set not in ('prior', 'train', 'test') then 'invalid_eval_set'
            when order_number is null or order_number <= 0 then 'invalid_order_number'
            when order_dow is null or order_dow not between 0 and 6 then 'invalid_order_dow'
            when order_hour_of_day is null or order_hour_of_day not between 0 and 23 then 'invalid_order_hour_of_day'
            when days_raw is not null and (
                days_since_prior_order is null
                or days_since_prior_order not between 0 and 30
                or days_since_prior_order <> floor(days_since_prior_order)
            ) then 'invalid_days_since_prior_order'
            when order_number = 1 and days_raw is not null then 'days_on_first_order'
            when count(*) over (partition by order_id) > 1 then 'duplicate_order_id'
        end as rejection_reason,
    from typed
)

select
    order_id,
    user_id,
    eval_set,
    order_number,
    order_dow,
    order_hour_of_day,
    cast(days_since_prior_order as integer) as days_since_prior_order,
    rejection_reason,
    case when rejection_reason is not null then concat_ws(',',
        coalesce(order_id_raw, ''), coalesce(user_id_raw, ''), coalesce(eval_set_raw, ''),
        coalesce(order_number_raw, ''), coalesce(order_dow_raw, ''), coalesce(order_hour_raw, ''),
        coalesce(days_raw, '')
    ) end as raw_values,
from checked
