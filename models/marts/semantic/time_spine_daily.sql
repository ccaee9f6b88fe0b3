-- One row per day, MetricFlow's daily time spine: from 2000-01-01 (no earlier order date is
-- staged) through the Sunday of the week holding as_of. A trailing-window metric is
-- reported for each spine day, so the spine stops where the data's last week does (kpi_weekly
-- stops there too) but always reaches that week's Sunday, the day its window ends on.
-- On undated data as_of is the build day (or var as_of) and the spine is the same shape.
select
    {{ date_series("date '2000-01-01'", "cast(date_trunc('week', as_of_date) as date) + 6", 1) }} as date_day
from {{ ref('int_dataset__dates') }}
