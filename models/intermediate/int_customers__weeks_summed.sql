-- One row per reported week and customer active in its window: the customer's orders,
-- items, reordered items and small baskets dated in the window, and the customer's
-- segment in that week, the band of their observed orders dated before the window
-- starts (new when none). A customer moving up a band between two weeks is a change of
-- mix, not of the band's own rate (DESIGN.md "Time").
{{ config(materialized='table') }}

with window_days as (
    select
        weeks.week_start,
        days.user_id,
        days.orders,
        days.items,
        days.reordered_items,
        days.small_basket_orders,
        days.orders_before_day
    from {{ ref('int_calendar__weeks') }} as weeks
    inner join {{ ref('int_customers__days_summed') }} as days
        on days.order_date between weeks.window_start and weeks.window_end
),

customer_weeks as (
    select
        week_start,
        user_id,
        sum(orders) as orders,
        sum(items) as items,
        sum(reordered_items) as reordered_items,
        sum(small_basket_orders) as small_basket_orders,
        -- Orders before the first day in the window = orders before the window starts.
        min(orders_before_day) as orders_before_window
    from window_days
    group by week_start, user_id
)

select
    customer_weeks.week_start,
    customer_weeks.user_id,
    case when customer_weeks.orders_before_window = 0 then 'new' else bands.segment_name end as segment_name,
    cast(customer_weeks.orders as bigint) as orders,
    cast(customer_weeks.items as bigint) as items,
    cast(customer_weeks.reordered_items as bigint) as reordered_items,
    cast(customer_weeks.small_basket_orders as bigint) as small_basket_orders,
    cast(customer_weeks.orders_before_window as bigint) as orders_before_window,
    customer_weeks.orders_before_window + customer_weeks.orders = 1 as has_one_order_to_date
from customer_weeks
left join {{ ref('segment_bands') }} as bands
    on customer_weeks.orders_before_window >= bands.min_observed_orders
        and (bands.max_observed_orders is null or customer_weeks.orders_before_window <= bands.max_observed_orders)
