select
    order_id,
    user_id,
    eval_set,
    order_number,
    order_dow,
    order_hour_of_day,
    days_since_prior_order,
    order_date,
    order_number = 1 as is_first_order,
    -- The release publishes lines for prior and train orders only; test baskets are withheld.
    eval_set in ('prior', 'train') as has_observed_basket
from {{ ref('base_instacart__orders') }}
where rejection_reason is null
