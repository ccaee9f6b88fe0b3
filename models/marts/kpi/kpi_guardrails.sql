-- One row per guardrail metric: the scorecard rows a growth change must not break.
select *
from {{ ref('kpi_scorecard') }}
where metric_type = 'guardrail'
