-- One row per complete week (with a week before it) and metric of seed metric_definitions:
-- the metric this week and last week, the change, the thresholds and the week's status
-- (DESIGN.md "Ownership and thresholds"): a metric with week-over-week thresholds is
-- judged by its change, the others by this week's level. Empty on undated data.
-- kpi_scorecard takes the latest complete week's rows; the review can read any week.
with week_values as (
    select
        week_start,
        previous_week_start,
        is_latest_complete_week,
        component as metric_id,
        previous_value as last_week_value,
        current_value as this_week_value,
        contribution as wow_change
    from {{ ref('kpi_wow_attribution') }}
    where component_type = 'metric'
),

judged as (
    select
        week_values.week_start,
        week_values.previous_week_start,
        week_values.is_latest_complete_week,
        metric_definitions.metric_id,
        metric_definitions.display_name,
        metric_definitions.tier,
        metric_definitions.metric_type,
        metric_definitions.owner_role,
        metric_definitions.unit,
        metric_definitions.direction,
        week_values.this_week_value,
        week_values.last_week_value,
        week_values.wow_change,
        -- Against the size of last week's value, so a fall reads negative whatever the sign.
        {{ safe_divide('week_values.wow_change', 'abs(week_values.last_week_value)') }} as wow_relative_change,
        metric_definitions.warn_threshold,
        metric_definitions.critical_threshold,
        metric_definitions.wow_change_warn,
        metric_definitions.wow_change_critical,
        case when metric_definitions.wow_change_warn is not null then 'wow_change' else 'level' end as judged_by,
        metric_definitions.sort_order
    from week_values
    inner join {{ ref('metric_definitions') }} as metric_definitions
        on week_values.metric_id = metric_definitions.metric_id
),

scored as (
    select
        *,
        case judged_by
            when 'wow_change'
                then
                    {{ kpi_wow_status('wow_relative_change', 'direction', 'wow_change_warn', 'wow_change_critical') }}
            else {{ kpi_status('this_week_value', 'direction', 'warn_threshold', 'critical_threshold') }}
        end as status
    from judged
)

select
    *,
    {{ kpi_status_rank('status') }} as status_rank,
    -- The flight deck: the week's P0 and P1 metrics, worst status first, then by tier.
    tier in ('P0', 'P1') as is_on_flight_deck,
    cast(row_number() over (
        partition by week_start order by {{ kpi_status_rank('status') }}, tier, sort_order
    ) as integer) as review_order
from scored
