-- One row per metric in seed metric_definitions: its value over the whole history (the
-- snapshot), owner, tier, thresholds and status. On dated data the row also carries the
-- latest complete week (kpi_weekly_scorecard) and its status judges that week; on
-- undated data (or before a second complete week) the status judges the snapshot's level.
-- A metric's id names the kpi_north_star column holding its snapshot value.
with snapshot_values as (
    unpivot (
        select cast(columns(* exclude (as_of_date)) as double)
        from {{ ref('kpi_north_star') }}
    )
    on columns(*)
    into name metric_id value value
),

latest_week as (
    select * from {{ ref('kpi_weekly_scorecard') }}
    where is_latest_complete_week
),

scored as (
    select
        metric_definitions.metric_id,
        metric_definitions.display_name,
        metric_definitions.tier,
        metric_definitions.metric_type,
        metric_definitions.owner_role,
        metric_definitions.unit,
        metric_definitions.direction,
        snapshot_values.value,
        metric_definitions.warn_threshold,
        metric_definitions.critical_threshold,
        metric_definitions.wow_change_warn,
        metric_definitions.wow_change_critical,
        latest_week.week_start,
        latest_week.previous_week_start,
        latest_week.this_week_value,
        latest_week.last_week_value,
        latest_week.wow_change,
        latest_week.wow_relative_change,
        case when latest_week.week_start is not null then 'latest_complete_week' else 'snapshot' end as status_basis,
        coalesce(
            latest_week.status,
            {{ kpi_status(
                'snapshot_values.value',
                'metric_definitions.direction',
                'metric_definitions.warn_threshold',
                'metric_definitions.critical_threshold'
            ) }}
        ) as status,
        metric_definitions.formula,
        metric_definitions.sort_order
    from {{ ref('metric_definitions') }} as metric_definitions
    left join snapshot_values
        on metric_definitions.metric_id = snapshot_values.metric_id
    left join latest_week
        on metric_definitions.metric_id = latest_week.metric_id
)

select
    *,
    {{ kpi_status_rank('status') }} as status_rank
from scored
