-- One row per week and action the review recommends, by priority: for every metric in
-- warn or critical the rule of seed metric_actions for its status, and the action of seed
-- segment_bands for the segment whose own VPAC pulled the North Star down most that week
-- (its rate effect, when material and negative): one set per complete week
-- (kpi_weekly_scorecard), and one for the snapshot (kpi_scorecard, week_start null).
with statuses as (
    select
        week_start,
        metric_id,
        display_name,
        status,
        status_rank,
        tier,
        owner_role,
        sort_order
    from {{ ref('kpi_weekly_scorecard') }}
    union all
    select
        cast(null as date) as week_start,
        metric_id,
        display_name,
        status,
        status_rank,
        tier,
        owner_role,
        sort_order
    from {{ ref('kpi_scorecard') }}
),

flagged_metrics as (
    select
        statuses.week_start,
        'metric' as trigger_type,
        statuses.metric_id as trigger_id,
        statuses.display_name as trigger_name,
        statuses.status,
        statuses.status_rank,
        statuses.tier,
        statuses.owner_role,
        metric_actions.action,
        statuses.sort_order
    from statuses
    inner join {{ ref('metric_actions') }} as metric_actions
        on statuses.metric_id = metric_actions.metric_id
            and statuses.status = metric_actions.status
),

segment_candidates as (
    select
        moved.week_start,
        'segment' as trigger_type,
        moved.component as trigger_id,
        moved.component as trigger_name,
        -- Not a status of its own: ranked with the warns, at the drivers' tier.
        'warn' as status,
        {{ kpi_status_rank("'warn'") }} as status_rank,
        'P1' as tier,
        bands.owner_role,
        bands.action,
        100 + bands.sort_order as sort_order,
        row_number() over (partition by moved.week_start order by moved.contribution) as pull_rank
    from {{ ref('kpi_what_moved') }} as moved
    inner join {{ ref('segment_bands') }} as bands
        on moved.component = bands.segment_name
    where moved.split = 'segment'
        and moved.effect = 'rate'
        and moved.is_material
        and moved.contribution < 0
),

segment_pull as (
    select
        week_start,
        trigger_type,
        trigger_id,
        trigger_name,
        status,
        status_rank,
        tier,
        owner_role,
        action,
        sort_order
    from segment_candidates
    where pull_rank = 1
)

select
    *,
    cast(row_number() over (partition by week_start order by status_rank, tier, sort_order) as integer) as priority
from (
    select * from flagged_metrics
    union all
    select * from segment_pull
) as actions
