-- One row per metric of seed metric_definitions: its value over the whole history (the
-- metric spine's snapshot, segment all), owner, tier, guardrail levels in words and the
-- status of that level (ok for a metric without levels: VPAC and the volumes depend on the
-- period's length, so signals and plan judge them, week by week). The snapshot review
-- (undated data) leads with it; on dated data the weeks are judged in kpi_weekly_scorecard.
with snapshot_values as (
    select
        metric_id,
        value
    from {{ ref('kpi_metric_values') }}
    where grain = 'snapshot' and segment = 'all'
),

scored as (
    select
        definitions.metric_id,
        definitions.display_name,
        definitions.tier,
        definitions.metric_type,
        definitions.owner_role,
        definitions.unit,
        definitions.direction,
        snapshot_values.value,
        definitions.warn_threshold,
        definitions.critical_threshold,
        {{ kpi_status('snapshot_values.value', 'definitions.direction', 'definitions.warn_threshold',
            'definitions.critical_threshold') }} as status,
        {{ kpi_status_rule('definitions.direction', 'definitions.unit', 'definitions.warn_threshold',
            'definitions.critical_threshold') }} as status_rule,
        definitions.formula,
        definitions.sort_order
    from {{ ref('metric_definitions') }} as definitions
    left join snapshot_values
        on definitions.metric_id = snapshot_values.metric_id
)

select
    *,
    {{ kpi_status_rank('status') }} as status_rank
from scored
