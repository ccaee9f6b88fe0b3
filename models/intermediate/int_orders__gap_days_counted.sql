-- One row per order date and value of days_since_prior_order: how many non-first, dated
-- orders carry it. Weekly medians are read from these counts (days are whole numbers
-- 0..30), so no weekly model reads the 3.4M orders once per week.
select
    order_date,
    days_since_prior_order,
    count(*) as orders
from {{ ref('stg_instacart__orders') }}
where order_date is not null
    and not is_first_order
    and days_since_prior_order is not null
group by order_date, days_since_prior_order
