-- One row per grain, reported period, segment (all, or the segment of the order's
-- customer in the period) and value of days_since_prior_order: how many non-first orders
-- carry it. Medians are read from these counts (days are whole numbers 0..30), so no model
-- sorts the orders once per period. Every non-first order counts, observed or not (a test
-- order's gap is published even though its basket is not); an order whose customer has no
-- observed order in the period counts in all only.
{{ config(materialized='table') }}
{% set window_days = var('kpi_window_days') %}

with gap_orders as (
    select
        user_id,
        order_date,
        days_since_prior_order
    from {{ ref('stg_instacart__orders') }}
    where not is_first_order
        and days_since_prior_order is not null
),

lifetime_segments as (
    select
        customers.user_id,
        bands.segment_name
    from {{ ref('int_customers__orders_summed') }} as customers
    inner join {{ ref('segment_bands') }} as bands
        on customers.observed_orders >= bands.min_observed_orders
            and (bands.max_observed_orders is null or customers.observed_orders <= bands.max_observed_orders)
),

-- The snapshot: every gap, in the customer's lifetime band.
snapshot_orders as (
    select
        'snapshot' as grain,
        dates.as_of_date as period_start,
        lifetime_segments.segment_name,
        gap_orders.days_since_prior_order
    from gap_orders
    cross join {{ ref('int_dataset__dates') }} as dates
    left join lifetime_segments
        on gap_orders.user_id = lifetime_segments.user_id
),

dated_orders as (
    {% for grain, period_key in [('week', 'week'), ('month', 'month')] %}
        {% if not loop.first %}union all{% endif %}
        select
            '{{ grain }}' as grain,
            cast(date_trunc('{{ period_key }}', order_date) as date) as period_start,
            user_id,
            days_since_prior_order
        from gap_orders
        where order_date is not null
    {% endfor %}
    {% if window_days != 7 %}
        union all
        select
            periods.grain,
            periods.period_start,
            gap_orders.user_id,
            gap_orders.days_since_prior_order
        from {{ ref('int_calendar__periods') }} as periods
        inner join gap_orders
            on gap_orders.order_date between periods.window_start and periods.window_end
        where periods.grain = 'trailing_window'
    {% endif %}
),

-- Dated grains: the reported periods only, each gap in its customer's segment there.
orders_with_segments as (
    select
        dated_orders.grain,
        dated_orders.period_start,
        customer_periods.segment_name,
        dated_orders.days_since_prior_order
    from dated_orders
    inner join {{ ref('int_calendar__periods') }} as periods
        on dated_orders.grain = periods.grain
            and dated_orders.period_start = periods.period_start
    left join {{ ref('int_customers__periods_summed') }} as customer_periods
        on dated_orders.grain = customer_periods.grain
            and dated_orders.period_start = customer_periods.period_start
            and dated_orders.user_id = customer_periods.user_id
    union all
    select * from snapshot_orders
)

{% for segment_column in ['segment_name', "'all'"] %}
    {% if not loop.first %}union all{% endif %}
    select
        grain,
        period_start,
        {{ segment_column }} as segment_name,
        cast(days_since_prior_order as integer) as days_since_prior_order,
        count(*) as orders
    from orders_with_segments
    {% if loop.first %}where segment_name is not null{% endif %}
    group by grain, period_start, days_since_prior_order{% if loop.first %}, segment_name{% endif %}
{% endfor %}
