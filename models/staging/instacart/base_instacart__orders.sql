-- Every row of orders.csv, cast, with the reason it cannot be staged (null when it can).
-- The raw text is kept only on rejected rows, for the set-aside report.
{{ config(materialized='table') }}

with typed as (
    select
        try_cast(order_id as integer) as order_id,
        try_cast(user_id as integer) as user_id,
        eval_set,
        try_cast(order_number as integer) as order_number,
        try_cast(order_dow as integer) as order_dow,
        try_cast(order_hour_of_day as integer) as order_hour_of_day,
        try_cast(days_since_prior_order as double) as days_since_prior_order,
        case
            when order_id is null or try_cast(order_id as integer) is null
                or try_cast(order_id as integer) <= 0 then 'invalid_order_id'
            when try_cast(user_id as integer) is null or try_cast(user_id as integer) <= 0 then 'invalid_user_id'
            when eval_set is null or eval_set not in ('prior', 'train', 'test') then 'invalid_eval_set'
            when try_cast(order_number as integer) is null or try_cast(order_number as integer) <= 0 then 'invalid_order_number'
            when try_cast(order_dow as integer) is null
                or try_cast(order_dow as integer) not between 0 and 6 then 'invalid_order_dow'
            when try_cast(order_hour_of_day as integer) is null
                or try_cast(order_hour_of_day as integer) not between 0 and 23 then 'invalid_order_hour_of_day'
            when days_since_prior_order is not null and (
                try_cast(days_since_prior_order as double) is null
                or try_cast(days_since_prior_order as double) not between 0 and 30
                or try_cast(days_since_prior_order as double) <> floor(try_cast(days_since_prior_order as double))
            ) then 'invalid_days_since_prior_order'
            when try_cast(order_number as integer) = 1 and days_since_prior_order is not null then 'days_on_first_order'
        end as cast_failure,
        case when cast_failure is not null then concat_ws(',',
            coalesce(order_id, ''), coalesce(user_id, ''), coalesce(eval_set, ''),
            coalesce(order_number, ''), coalesce(order_dow, ''), coalesce(order_hour_of_day, ''),
            coalesce(days_since_prior_order, '')
        ) end as failed_raw_values,
    from {{ source('instacart', 'orders') }}
),

checked as (
    select
        *,
        case
            when cast_failure is not null then cast_failure
            -- Every copy of a repeated order id is set aside: which one is right cannot be told.
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
    -- Rows that cast cleanly (repeated ids) are written back from their values.
    case when rejection_reason is not null then coalesce(failed_raw_values, concat_ws(',',
        order_id, user_id, eval_set, order_number, order_dow, order_hour_of_day,
        coalesce(printf('%.1f', days_since_prior_order), '')
    )) end as raw_values,
from checked
