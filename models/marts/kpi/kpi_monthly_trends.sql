-- One row per reported calendar month and metric of seed metric_definitions (all
-- customers): the month's value, the same month last year's, and its plan (the seed
-- metric_plan row in force on the month's first day: a level, or last year's value x
-- (1 + growth)). The review's 6-12 charts draw the last 12 complete months from it beside
-- the last 6 weeks. Empty on undated data.
with months as (
    select * from {{ ref('kpi_metric_comparisons') }}
    where grain = 'month' and segment = 'all'
),

plans as (
    select
        metric_id,
        effective_from,
        lead(effective_from) over (partition by metric_id order by effective_from) as effective_until,
        target_type,
        target
    from {{ ref('metric_plan') }}
)

select
    months.period_start as month_start,
    months.period_end as month_end,
    months.is_complete,
    months.metric_id,
    months.value,
    months.last_year_value,
    case plans.target_type
        when 'level' then plans.target
        when 'growth_on_last_year' then months.last_year_value * (1 + plans.target)
    end as plan_value
from months
left join plans
    on months.metric_id = plans.metric_id
        and months.period_start >= plans.effective_from
        and (plans.effective_until is null or months.period_start < plans.effective_until)
