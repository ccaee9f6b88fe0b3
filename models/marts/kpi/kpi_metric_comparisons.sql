-- One row per dated grain (week, month, trailing_window), reported period, segment and
-- metric: the metric's value there, in the period before (the week before, the month
-- before), and in the same period last year (the week 364 days earlier, so weekdays align;
-- the same calendar month a year earlier), with the changes. Read from the metric spine by
-- a self-join on the period; null where the earlier period is not reported.
with metric_values as (
    select
        *,
        case
            when grain = 'month' then make_date(year(period_start) - 1, month(period_start), 1)
            else period_start - 364
        end as last_year_period_start
    from {{ ref('kpi_metric_values') }}
    where grain <> 'snapshot'
)

select
    current_period.grain,
    current_period.period_start,
    current_period.period_end,
    current_period.is_complete,
    current_period.segment,
    current_period.segment_sort_order,
    current_period.metric_id,
    current_period.value,
    previous_period.period_start as previous_period_start,
    previous_period.value as previous_value,
    current_period.value - previous_period.value as change,
    -- Against the size of the earlier value, so a fall reads negative whatever the sign.
    {{ safe_divide('current_period.value - previous_period.value', 'abs(previous_period.value)') }}
        as relative_change,
    last_year.period_start as last_year_period_start,
    last_year.value as last_year_value,
    current_period.value - last_year.value as change_on_last_year,
    {{ safe_divide('current_period.value - last_year.value', 'abs(last_year.value)') }}
        as relative_change_on_last_year
from metric_values as current_period
left join metric_values as previous_period
    on current_period.grain = previous_period.grain
        and current_period.segment = previous_period.segment
        and current_period.metric_id = previous_period.metric_id
        and current_period.period_start = previous_period.period_end + 1
left join metric_values as last_year
    on current_period.grain = last_year.grain
        and current_period.segment = last_year.segment
        and current_period.metric_id = last_year.metric_id
        and current_period.last_year_period_start = last_year.period_start
