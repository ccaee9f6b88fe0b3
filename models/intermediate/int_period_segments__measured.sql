-- One row per grain, reported period and segment, each a row even when empty: all; on
-- dated grains new and every band of seed segment_bands (the band of the customer's
-- observed orders before the period); on the snapshot every band (of all the customer's
-- observed orders). Its measures are what every metric is a ratio of: active customers,
-- one-time customers, each order measure of macro kpi_order_measures, and the median
-- days between orders. The metric spine (kpi_metric_values) turns them into metrics.
{{ config(materialized='table') }}
{% set order_measures = kpi_order_measures() %}

with periods as (
    select * from {{ ref('int_calendar__periods') }}
),

bands as (
    select * from {{ ref('segment_bands') }}
),

-- Sorted as tables show them: new, the bands in their order, then all (the total row).
segments as (
    select
        'new' as segment_name,
        0 as segment_sort_order,
        true as is_dated_only
    union all
    select
        segment_name,
        sort_order as segment_sort_order,
        false as is_dated_only
    from bands
    union all
    select
        'all' as segment_name,
        max(sort_order) + 1 as segment_sort_order,
        false as is_dated_only
    from bands
),

period_segments as (
    select
        periods.grain,
        periods.period_start,
        periods.period_end,
        periods.window_start,
        periods.window_end,
        periods.is_complete,
        segments.segment_name,
        segments.segment_sort_order
    from periods
    cross join segments
    where not (segments.is_dated_only and periods.grain = 'snapshot')
),

-- One row per period and active customer, with the customer's segment there.
customer_periods as (
    select
        grain,
        period_start,
        segment_name,
        {% for name, _ in order_measures %}
            {{ name }},
        {% endfor %}
        orders_before_period + observed_orders = 1 as has_one_order_to_date
    from {{ ref('int_customers__periods_summed') }}
    union all
    select
        'snapshot' as grain,
        dates.as_of_date as period_start,
        bands.segment_name,
        {% for name, _ in order_measures %}
            customers.{{ name }},
        {% endfor %}
        customers.observed_orders = 1 as has_one_order_to_date
    from {{ ref('int_customers__orders_summed') }} as customers
    cross join {{ ref('int_dataset__dates') }} as dates
    left join bands
        on customers.observed_orders >= bands.min_observed_orders
            and (bands.max_observed_orders is null or customers.observed_orders <= bands.max_observed_orders)
    where customers.observed_orders > 0
),

-- Each segment, and all (every active customer, so a customer no band covers shows as
-- segments that do not add up to all instead of vanishing from both).
segment_sums as (
    {% for segment_column in ['segment_name', "'all'"] %}
        {% if not loop.first %}union all{% endif %}
        select
            grain,
            period_start,
            {{ segment_column }} as segment_name,
            count(*) as active_customers,
            count(case when has_one_order_to_date then 1 end) as one_time_customers,
            {% for name, _ in order_measures %}
                sum({{ name }}) as {{ name }}{% if not loop.last %},{% endif %}
            {% endfor %}
        from customer_periods
        group by grain, period_start{% if loop.first %}, segment_name{% endif %}
    {% endfor %}
),

-- The median gap: the mean of the values at the two middle positions of the counted gaps
-- (one position when the count is odd), as median() gives over the orders themselves.
gap_positions as (
    select
        grain,
        period_start,
        segment_name,
        days_since_prior_order,
        sum(orders) over (
            partition by grain, period_start, segment_name order by days_since_prior_order
        ) as orders_up_to,
        sum(orders) over (partition by grain, period_start, segment_name) as gap_orders
    from {{ ref('int_period_segments__gap_days_counted') }}
),

gap_medians as (
    select
        grain,
        period_start,
        segment_name,
        (
            min(days_since_prior_order) filter (where orders_up_to >= {{ integer_divide('gap_orders + 1', 2) }})
            + min(days_since_prior_order) filter (where orders_up_to >= {{ integer_divide('gap_orders', 2) }} + 1)
        ) / 2.0 as median_days_between_orders
    from gap_positions
    group by grain, period_start, segment_name
)

select
    period_segments.grain,
    period_segments.period_start,
    period_segments.period_end,
    period_segments.window_start,
    period_segments.window_end,
    period_segments.is_complete,
    period_segments.segment_name,
    cast(period_segments.segment_sort_order as integer) as segment_sort_order,
    cast(coalesce(segment_sums.active_customers, 0) as bigint) as active_customers,
    cast(coalesce(segment_sums.one_time_customers, 0) as bigint) as one_time_customers,
    {% for name, _ in order_measures %}
        cast(coalesce(segment_sums.{{ name }}, 0) as bigint) as {{ name }},
    {% endfor %}
    cast(gap_medians.median_days_between_orders as double) as median_days_between_orders
from period_segments
left join segment_sums
    on period_segments.grain = segment_sums.grain
        and period_segments.period_start = segment_sums.period_start
        and period_segments.segment_name = segment_sums.segment_name
left join gap_medians
    on period_segments.grain = gap_medians.grain
        and period_segments.period_start = gap_medians.period_start
        and period_segments.segment_name = gap_medians.segment_name
