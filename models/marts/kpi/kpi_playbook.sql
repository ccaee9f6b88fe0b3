-- One row per metric and first check: the KPI playbook, with the metric's owner, tier,
-- cadences, watchers, escalation and thresholds from seed metric_definitions, its value
-- and status now (kpi_scorecard: the latest complete week on dated data, else the
-- snapshot) and the check from seed metric_first_checks. The review renders it as
-- reports/kpi_playbook.md; the docs site shows the same facts (_metric_facts.md).
select
    scorecard.metric_id,
    scorecard.display_name,
    scorecard.tier,
    scorecard.metric_type,
    scorecard.owner_role,
    scorecard.unit,
    scorecard.direction,
    definitions.review_cadence,
    definitions.refresh_cadence,
    definitions.watchers,
    definitions.escalation,
    scorecard.formula,
    scorecard.warn_threshold,
    scorecard.critical_threshold,
    scorecard.wow_change_warn,
    scorecard.wow_change_critical,
    scorecard.status_basis,
    coalesce(scorecard.this_week_value, scorecard.value) as current_value,
    scorecard.wow_change,
    scorecard.status,
    scorecard.status_rank,
    scorecard.sort_order,
    checks.check_order,
    checks.question as check_question,
    checks.source as check_source
from {{ ref('kpi_scorecard') }} as scorecard
inner join {{ ref('metric_definitions') }} as definitions
    on scorecard.metric_id = definitions.metric_id
left join {{ ref('metric_first_checks') }} as checks
    on scorecard.metric_id = checks.metric_id
