-- Every row of orders.csv, typed, with the reason it cannot be staged (null when it can).
-- A line DuckDB's reader cannot parse (a value of the wrong type, too few or too many
-- fields) lands in its temporary rejects table instead; the post-hook adds those lines
-- here as rejected rows with their raw text, so that every line of the file is a row.
-- The text of the other rejected rows is written back from their values.
{{ config(
    materialized='table',
    pre_hook="{{ drop_csv_rejects('orders') }}",
    post_hook={"sql": "{{ add_unparsed_rows(this, 'orders') }}", "transaction": false},
) }}

with checked as (
    select
        *,
        case
            when order_id is null or order_id <= 0 then 'invalid_order_id'
            when user_id is null or user_id <= 0 then 'invalid_user_id'
            when eval_set is null or eval_set not in ('prior', 'train', 'test') then 'invalid_eval_set'
            when order_number is null or order_number <= 0 then 'invalid_order_number'
            when order_dow is null or order_dow not between 0 and 6 then 'invalid_order_dow'
            when order_hour_of_day is null or order_hour_of_day not between 0 and 23 then 'invalid_order_hour_of_day'
            when days_since_prior_order is not null and (
                days_since_prior_order not between 0 and 30
                or days_since_prior_order <> floor(days_since_prior_order)
            ) then 'invalid_days_since_prior_order'
            when order_number = 1 and days_since_prior_order is not null then 'days_on_first_order'
        end as value_failure,
    from {{ source('instacart', 'orders') }}
)

select
    order_id,
    user_id,
    eval_set,
    order_number,
    order_dow,
    order_hour_of_day,
    try_cast(days_since_prior_order as integer) as days_since_prior_order,
    case
        when value_failure is not null then value_failure
        -- Every copy of a repeated order id is set aside: which one is right cannot be told.
        when count(*) over (partition by order_id) > 1 then 'duplicate_order_id'
    end as rejection_reason,
    case when rejection_reason is not null then concat_ws(',',
        coalesce(cast(order_id as varchar), ''), coalesce(cast(user_id as varchar), ''),
        coalesce(eval_set, ''), coalesce(cast(order_number as varchar), ''),
        coalesce(cast(order_dow as varchar), ''), coalesce(cast(order_hour_of_day as varchar), ''),
        coalesce(printf('%.1f', days_since_prior_order), '')
    ) end as raw_values,
from checked
