-- One row per metric and first check: the KPI playbook, with the metric's owner, tier,
-- cadences, watchers, escalation and thresholds from seed metric_definitions, its value
-- and status now (the latest complete week of kpi_weekly_scorecard on dated data, else
-- the snapshot of kpi_scorecard), its plan (seed metric_plan) and natural limits, and the
-- check from seed metric_first_checks. The review
-- renders it as reports/kpi_playbook.md; the docs site shows the same facts (_metric_facts.md).
with latest_week as (
    select * from {{ ref('kpi_weekly_scorecard') }}
    where is_latest_complete_week
),

-- The plan row in force now: the latest that has started.
plans_in_force as (
    select
        plan_rows.*,
        row_number() over (partition by plan_rows.metric_id order by plan_rows.effective_from desc) as recency
    from {{ ref('metric_plan') }} as plan_rows
    cross join {{ ref('int_dataset__dates') }} as dates
    where plan_rows.effective_from <= dates.as_of_date
)

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
    plans.target_type as plan_target_type,
    plans.target as plan_target,
    plans.tolerance as plan_tolerance,
    plans.note as plan_note,
    latest_week.plan_value,
    latest_week.lower_limit,
    latest_week.upper_limit,
    latest_week.signal_text,
    latest_week.guardrail_text,
    case when latest_week.metric_id is not null then 'latest_complete_week' else 'snapshot' end as status_basis,
    coalesce(latest_week.this_week_value, scorecard.value) as current_value,
    latest_week.wow_change,
    coalesce(latest_week.status, scorecard.status) as status,
    scorecard.status_rule as guardrail_rule,
    coalesce(latest_week.status_rank, scorecard.status_rank) as status_rank,
    scorecard.sort_order,
    checks.check_order,
    checks.question as check_question,
    checks.source as check_source
from {{ ref('kpi_scorecard') }} as scorecard
inner join {{ ref('metric_definitions') }} as definitions
    on scorecard.metric_id = definitions.metric_id
left join latest_week
    on scorecard.metric_id = latest_week.metric_id
left join plans_in_force as plans
    on scorecard.metric_id = plans.metric_id
        and plans.recency = 1
left join {{ ref('metric_first_checks') }} as checks
    on scorecard.metric_id = checks.metric_id
