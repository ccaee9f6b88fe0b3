-- One row per reviewed week and exception, by priority: every signal in a metric's bad
-- direction (kpi_metric_signals), miss of plan beyond its tolerance and guardrail breach of
-- kpi_weekly_scorecard, each routed to the metric's owner with seed metric_actions' action
-- for that kind; and each band's own VPAC signal in the bad direction, routed to the band's
-- owner with its action (seed segment_bands), so a segment's action fires only on its own
-- signal; with the owner's comment on it (annotations.csv), when there is one. On undated
-- data, the snapshot's guardrail breaches (week_start null).
with weeks as (
    select * from {{ ref('kpi_weekly_scorecard') }}
),

reviewed_weeks as (
    select distinct week_start
    from weeks
),

metric_exceptions as (
    select
        week_start,
        'signal' as kind,
        metric_id,
        'all' as segment,
        display_name as subject,
        tier,
        owner_role,
        case when is_outside_limits then 'critical' else 'warn' end as severity,
        signal_rule || ' (usual range ' || usual_range || ')' as detail,
        sort_order
    from weeks
    where is_signal_exception
    union all
    select
        week_start,
        'plan' as kind,
        metric_id,
        'all' as segment,
        display_name as subject,
        tier,
        owner_role,
        'warn' as severity,
        'plan ' || {{ kpi_format_value('plan_value', 'unit') }} || ', '
        || case
            when variance_unit = 'points' then printf('%+.1f pp', variance_to_plan * 100)
            else printf('%+.1f%%', variance_to_plan * 100)
        end
        || ' against it (a miss past '
        || case
            when variance_unit = 'points' then printf('%.1f pp', plan_tolerance * 100)
            else printf('%.0f%%', plan_tolerance * 100)
        end
        || ')' as detail,
        sort_order
    from weeks
    where is_plan_miss
    union all
    select
        week_start,
        'guardrail' as kind,
        metric_id,
        'all' as segment,
        display_name as subject,
        tier,
        owner_role,
        guardrail_status as severity,
        guardrail_text as detail,
        sort_order
    from weeks
    where guardrail_status in ('warn', 'critical')
),

segment_signals as (
    select
        signals.week_start,
        'signal' as kind,
        signals.metric_id,
        signals.segment,
        upper(substr(replace(signals.segment, '_', '-'), 1, 1)) || substr(replace(signals.segment, '_', '-'), 2)
        -- chr(39), the apostrophe: Spark reads '' inside a literal as two adjacent literals, not a quote
        || ' customers' || chr(39) || ' VPAC' as subject,
        'P1' as tier,
        bands.owner_role,
        case when signals.is_outside_limits then 'critical' else 'warn' end as severity,
        signals.signal_rule || ' (usual range ' || signals.usual_range || ')' as detail,
        100 + bands.sort_order as sort_order,
        bands.action
    from {{ ref('kpi_metric_signals') }} as signals
    inner join reviewed_weeks
        on signals.week_start = reviewed_weeks.week_start
    inner join {{ ref('segment_bands') }} as bands
        on signals.segment = bands.segment_name
    where signals.metric_id = 'vpac'
        and signals.is_exception
),

snapshot_guardrails as (
    select
        cast(null as date) as week_start,
        'guardrail' as kind,
        metric_id,
        'all' as segment,
        display_name as subject,
        tier,
        owner_role,
        status as severity,
        value as detail_value,
        unit,
        status_rule,
        sort_order
    from {{ ref('kpi_scorecard') }}
    where status <> 'ok'
        and not exists (select 1 from reviewed_weeks)
),

routed as (
    select
        metric_exceptions.*,
        coalesce(
            actions.action,
            'Open the first checks for ' || lower(metric_exceptions.subject) || ' in the KPI playbook.'
        ) as action
    from metric_exceptions
    left join {{ ref('metric_actions') }} as actions
        on metric_exceptions.metric_id = actions.metric_id
            and metric_exceptions.kind = actions.kind
    union all
    select * from segment_signals
    union all
    select
        snapshot_guardrails.week_start,
        snapshot_guardrails.kind,
        snapshot_guardrails.metric_id,
        snapshot_guardrails.segment,
        snapshot_guardrails.subject,
        snapshot_guardrails.tier,
        snapshot_guardrails.owner_role,
        snapshot_guardrails.severity,
        upper(snapshot_guardrails.severity) || ': ' || {{ kpi_format_value('snapshot_guardrails.detail_value',
            'snapshot_guardrails.unit') }} || ' against ' || snapshot_guardrails.status_rule as detail,
        snapshot_guardrails.sort_order,
        coalesce(
            actions.action,
            'Open the first checks for ' || lower(snapshot_guardrails.subject) || ' in the KPI playbook.'
        ) as action
    from snapshot_guardrails
    left join {{ ref('metric_actions') }} as actions
        on snapshot_guardrails.metric_id = actions.metric_id
            and actions.kind = 'guardrail'
),

-- The owner's latest comment on the metric dated in the week or the week after it (a review is
-- written after the week ends): it explains the exception; none, and the exception awaits one.
owner_comments as (
    select
        routed.week_start,
        routed.metric_id,
        routed.owner_role,
        comments.annotation_date,
        comments.text,
        row_number() over (
            partition by routed.week_start, routed.metric_id, routed.owner_role
            order by comments.annotation_date desc, comments.text asc
        ) as recency
    from (
        select distinct
            week_start,
            metric_id,
            owner_role
        from routed
    ) as routed
    inner join {{ ref('kpi_annotations') }} as comments
        on comments.kind = 'comment'
            and routed.metric_id = comments.metric_id
            and routed.owner_role = comments.author
            and comments.annotation_date between routed.week_start and routed.week_start + 13
)

select
    routed.week_start,
    routed.kind,
    routed.metric_id,
    routed.segment,
    routed.subject,
    routed.tier,
    routed.owner_role,
    routed.severity,
    routed.detail,
    routed.action,
    owner_comments.annotation_date as comment_date,
    owner_comments.text as owner_comment,
    cast(row_number() over (
        partition by routed.week_start
        order by
            {{ kpi_status_rank('routed.severity') }},
            routed.tier,
            case routed.kind when 'guardrail' then 1 when 'signal' then 2 else 3 end,
            routed.sort_order
    ) as integer) as priority
from routed
left join owner_comments
    on routed.week_start is not distinct from owner_comments.week_start
        and routed.metric_id = owner_comments.metric_id
        and routed.owner_role = owner_comments.owner_role
        and owner_comments.recency = 1
