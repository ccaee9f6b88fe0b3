-- One row per metric in seed metric_definitions: its value over the whole history (the
-- snapshot), on dated data its value in the latest complete week and the week before,
-- owner, tier, thresholds and status. On dated data the status judges the latest
-- complete week: a metric with week-over-week thresholds by its change, the others by
-- their level; on undated data (or before a second complete week) the snapshot's level.
-- A metric's id names the kpi_north_star column holding its snapshot value.
with snapshot_values as (
    unpivot (
        select columns(* exclude (as_of_date))::double
        from {{ ref('kpi_north_star') }}
    )
    on columns(*)
    into name metric_id value value
),

latest_week as (
    select
        week_start,
        previous_week_start,
        component as metric_id,
        previous_value,
        current_value,
        contribution as change,
    from {{ ref('kpi_wow_attribution') }}
    where is_latest_complete_week
        and component_type = 'metric'
),

metric_definitions as (
    select * from {{ ref('metric_definitions') }}
),

scored as (
    select
        metric_definitions.*,
        snapshot_values.value,
        latest_week.week_start,
        latest_week.previous_week_start,
        latest_week.current_value as this_week_value,
        latest_week.previous_value as last_week_value,
        latest_week.change as wow_change,
        -- Against the size of last week's value, so a fall reads negative whatever the sign.
        {{ safe_divide('latest_week.change', 'abs(latest_week.previous_value)') }} as wow_relative_change,
        case when latest_week.week_start is not null then 'latest_complete_week' else 'snapshot' end as status_basis,
    from metric_definitions
    left join snapshot_values
        on metric_definitions.metric_id = snapshot_values.metric_id
    left join latest_week
        on metric_definitions.metric_id = latest_week.metric_id
)

select
    metric_id,
    display_name,
    tier,
    metric_type,
    owner_role,
    unit,
    direction,
    value,
    warn_threshold,
    critical_threshold,
    wow_change_warn,
    wow_change_critical,
    week_start,
    previous_week_start,
    this_week_value,
    last_week_value,
    wow_change,
    wow_relative_change,
    status_basis,
    case
        when status_basis = 'latest_complete_week' and wow_change_warn is not null then
            {{ kpi_wow_status('wow_relative_change', 'direction', 'wow_change_warn', 'wow_change_critical') }}
        when status_basis = 'latest_complete_week' then
            {{ kpi_status('this_week_value', 'direction', 'warn_threshold', 'critical_threshold') }}
        else
            {{ kpi_status('value', 'direction', 'warn_threshold', 'critical_threshold') }}
    end as status,
    formula,
    sort_order,
from scored
