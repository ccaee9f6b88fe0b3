-- One row per reported week (DESIGN.md "Time"): an ISO week named by its Monday, its
-- trailing window of var kpi_window_days days ending on its Sunday, and whether it is
-- complete (its Sunday on or before as_of). Weeks run from the first whose window starts
-- on or after the first order date through the week holding as_of; none on undated data.
{% set window_days = var('kpi_window_days') %}

with dates as (
    select * from {{ ref('int_dataset__dates') }}
    where is_dated
),

bounds as (
    select
        -- The Monday on or after the first date whose window can start on the first order date.
        cast(date_trunc('week', first_order_date + {{ window_days - 7 }} + 6) as date) as first_week_start,
        cast(date_trunc('week', as_of_date) as date) as last_week_start,
        as_of_date
    from dates
),

weeks as (
    select
        {{ date_series('first_week_start', 'last_week_start', 7) }} as week_start,
        as_of_date
    from bounds
    where first_week_start <= last_week_start
)

select
    week_start,
    week_start + 6 - {{ window_days - 1 }} as window_start,
    week_start + 6 as window_end,
    week_start + 6 <= as_of_date as is_complete
from weeks
