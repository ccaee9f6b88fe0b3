-- One row per action the review recommends: for every metric in warn or critical (on
-- dated data in the latest complete week, else in the snapshot) the rule of seed
-- metric_actions for its status, and, on dated data, the action of seed segment_bands for
-- the segment whose own VPAC pulled the North Star down most (its rate effect, when it
-- is material and negative). Ordered by priority: worst status, then tier.
with flagged_metrics as (
    select
        'metric' as trigger_type,
        scorecard.metric_id as trigger_id,
        scorecard.display_name as trigger_name,
        scorecard.status,
        scorecard.status_rank,
        scorecard.tier,
        scorecard.owner_role,
        metric_actions.action,
        scorecard.sort_order,
    from {{ ref('kpi_scorecard') }} as scorecard
    inner join {{ ref('metric_actions') }} as metric_actions
        on scorecard.metric_id = metric_actions.metric_id
        and scorecard.status = metric_actions.status
),

segment_pull as (
    select
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
    from {{ ref('kpi_what_moved') }} as moved
    inner join {{ ref('segment_bands') }} as bands
        on moved.component = bands.segment_name
    where moved.is_latest_complete_week
        and moved.split = 'segment'
        and moved.effect = 'rate'
        and moved.is_material
        and moved.contribution < 0
    qualify row_number() over (order by moved.contribution) = 1
)

select
    *,
    cast(row_number() over (order by status_rank, tier, sort_order) as integer) as priority,
from (select * from flagged_metrics union all select * from segment_pull)
