-- One row per grain and reported period: the snapshot (the whole history through as_of),
-- ISO weeks (Monday to Sunday, named by the Monday), calendar months and, when var
-- kpi_window_days is not 7, each week's trailing window of that many days ending on its
-- Sunday (grain trailing_window). A period is complete when its last day is on or before
-- as_of. Weeks and windows are reported from the first whose window starts on or after the
-- first order date, months from the first that starts on or after it, each through the
-- period holding as_of. Undated data has the snapshot only.
{% set window_days = var('kpi_window_days') %}

with dates as (
    select * from {{ ref('int_dataset__dates') }}
),

-- Every day from the first order through a month past as_of, so the last week and month
-- are whole.
days as (
    select {{ date_series('first_order_date', 'as_of_date + 37', 1) }} as day
    from dates
    where is_dated
),

weeks as (
    select distinct cast(date_trunc('week', day) as date) as period_start
    from days
),

months as (
    select
        cast(date_trunc('month', day) as date) as period_start,
        max(day) as period_end
    from days
    group by cast(date_trunc('month', day) as date)
),

periods as (
    select
        'snapshot' as grain,
        as_of_date as period_start,
        as_of_date as period_end,
        first_order_date as window_start,
        as_of_date as window_end
    from dates
    union all
    select
        'week' as grain,
        period_start,
        period_start + 6 as period_end,
        period_start as window_start,
        period_start + 6 as window_end
    from weeks
    union all
    select
        'month' as grain,
        period_start,
        period_end,
        period_start as window_start,
        period_end as window_end
    from months
    {% if window_days != 7 %}
        union all
        select
            'trailing_window' as grain,
            period_start,
            period_start + 6 as period_end,
            period_start + {{ 7 - window_days }} as window_start,
            period_start + 6 as window_end
        from weeks
    {% endif %}
)

select
    periods.grain,
    periods.period_start,
    periods.period_end,
    periods.window_start,
    periods.window_end,
    periods.period_end <= dates.as_of_date as is_complete
from periods
cross join dates
where periods.grain = 'snapshot'
    or (periods.window_start >= dates.first_order_date and periods.period_start <= dates.as_of_date)
