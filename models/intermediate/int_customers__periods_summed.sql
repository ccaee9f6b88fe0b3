-- One row per dated grain, reported period and customer active in it: every order measure
-- (macro kpi_order_measures) summed over the customer's observed orders in the period's
-- window, and the customer's segment there: the band of their observed orders before the
-- window starts, new when none. A customer moving up a band between two periods is a
-- change of mix, not of the band's own rate. Weeks and months are plain groups of the
-- customer-days; only a trailing window longer than the week needs a range join.
{{ config(materialized='table') }}
{% set order_measures = kpi_order_measures() %}

with days as (
    select * from {{ ref('int_customers__days_summed') }}
),

periods as (
    select * from {{ ref('int_calendar__periods') }}
    where grain <> 'snapshot'
),

days_in_periods as (
    {% for grain, period_key in [('week', 'week_start'), ('month', 'month_start')] %}
        {% if not loop.first %}union all{% endif %}
        select
            '{{ grain }}' as grain,
            {{ period_key }} as period_start,
            days.*
        from days
    {% endfor %}
    {% if var('kpi_window_days') != 7 %}
        union all
        select
            periods.grain,
            periods.period_start,
            days.*
        from periods
        inner join days
            on days.order_date between periods.window_start and periods.window_end
        where periods.grain = 'trailing_window'
    {% endif %}
),

customer_periods as (
    select
        grain,
        period_start,
        user_id,
        {% for name, _ in order_measures %}
            sum({{ name }}) as {{ name }},
        {% endfor %}
        -- Orders before the first day in the window = orders before the window starts.
        min(orders_before_day) as orders_before_period
    from days_in_periods
    group by grain, period_start, user_id
)

select
    customer_periods.grain,
    customer_periods.period_start,
    customer_periods.user_id,
    case when customer_periods.orders_before_period = 0 then 'new' else bands.segment_name end as segment_name,
    {% for name, _ in order_measures %}
        cast(customer_periods.{{ name }} as bigint) as {{ name }},
    {% endfor %}
    cast(customer_periods.orders_before_period as bigint) as orders_before_period
from customer_periods
inner join periods
    on customer_periods.grain = periods.grain
        and customer_periods.period_start = periods.period_start
left join {{ ref('segment_bands') }} as bands
    on customer_periods.orders_before_period >= bands.min_observed_orders
        and (bands.max_observed_orders is null or customer_periods.orders_before_period <= bands.max_observed_orders)
