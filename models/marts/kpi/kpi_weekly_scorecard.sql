-- One row per complete week (with a week before it) and metric of seed metric_definitions:
-- the metric this week, last week and the same week last year (kpi_metric_comparisons at
-- the review's grain, segment all), against plan (seed metric_plan), signal or noise
-- (kpi_metric_signals) and its guardrail levels, each with its verdict; the week's status
-- and the order the review shows the metrics in, exceptions first. An exception is a
-- signal in the bad direction, a miss of plan beyond its tolerance, or a guardrail
-- breach. Empty on undated data.
with weeks as (
    select
        period_start as week_start,
        previous_period_start as previous_week_start,
        metric_id,
        value as this_week_value,
        previous_value as last_week_value,
        change as wow_change,
        relative_change as wow_relative_change,
        last_year_period_start as last_year_week_start,
        last_year_value,
        change_on_last_year,
        relative_change_on_last_year
    from {{ ref('kpi_metric_comparisons') }}
    where grain = '{{ kpi_review_grain() }}'
        and segment = 'all'
        and is_complete
        and previous_period_start is not null
),

-- A week whose orders fall below var kpi_incomplete_week_order_share of the mean of the 4
-- weeks before it holds too little data to be judged (a file cut short, one stray later
-- order moving as_of past an empty week): it is named and not reviewed as if complete.
volumes as (
    select
        period_start as week_start,
        value as observed_orders,
        avg(value) over (order by period_start rows between 4 preceding and 1 preceding) as usual_orders
    from {{ ref('kpi_metric_comparisons') }}
    where grain = '{{ kpi_review_grain() }}'
        and segment = 'all'
        and metric_id = 'observed_orders'
        and is_complete
),

windows as (
    select
        period_start as week_start,
        window_start,
        window_end
    from {{ ref('int_calendar__periods') }}
    where grain = '{{ kpi_review_grain() }}'
),

signals as (
    select * from {{ ref('kpi_metric_signals') }}
    where segment = 'all'
),

-- Each plan row holds from its effective_from until the metric's next row.
plans as (
    select
        metric_id,
        effective_from,
        lead(effective_from) over (partition by metric_id order by effective_from) as effective_until,
        target_type,
        target,
        tolerance
    from {{ ref('metric_plan') }}
),

compared as (
    select
        weeks.*,
        windows.window_start,
        windows.window_end,
        definitions.display_name,
        definitions.tier,
        definitions.metric_type,
        definitions.owner_role,
        definitions.unit,
        definitions.direction,
        definitions.warn_threshold,
        definitions.critical_threshold,
        definitions.sort_order,
        plans.target_type as plan_target_type,
        plans.target as plan_target,
        plans.tolerance as plan_tolerance,
        case plans.target_type
            when 'level' then plans.target
            when 'growth_on_last_year' then weeks.last_year_value * (1 + plans.target)
        end as plan_value,
        signals.has_limits,
        signals.centre,
        signals.lower_limit,
        signals.upper_limit,
        signals.is_signal,
        signals.signal_direction,
        signals.signal_rule,
        signals.usual_range,
        coalesce(signals.is_exception, false) as is_signal_exception,
        coalesce(signals.is_outside_limits, false) as is_outside_limits
    from weeks
    inner join windows
        on weeks.week_start = windows.week_start
    inner join {{ ref('metric_definitions') }} as definitions
        on weeks.metric_id = definitions.metric_id
    left join plans
        on weeks.metric_id = plans.metric_id
            and weeks.week_start >= plans.effective_from
            and (plans.effective_until is null or weeks.week_start < plans.effective_until)
    left join signals
        on weeks.week_start = signals.week_start
            and weeks.metric_id = signals.metric_id
),

judged as (
    select
        *,
        -- A share's variance in points, any other metric's as a fraction of the plan.
        case
            when unit = 'share' then this_week_value - plan_value
            else {{ safe_divide('this_week_value', 'plan_value') }} - 1
        end as variance_to_plan,
        case when unit = 'share' then 'points' else 'relative' end as variance_unit,
        case
            when warn_threshold is not null
                then {{ kpi_status('this_week_value', 'direction', 'warn_threshold', 'critical_threshold') }}
        end as guardrail_status,
        -- How far the value sits on the safe side of the warn line (negative: past it).
        case
            when direction = 'higher_is_better' then this_week_value - warn_threshold
            else warn_threshold - this_week_value
        end as guardrail_margin
    from compared
),

verdicts as (
    select
        *,
        coalesce(
            (direction = 'higher_is_better' and variance_to_plan < -plan_tolerance)
            or (direction = 'lower_is_better' and variance_to_plan > plan_tolerance),
            false
        ) as is_plan_miss,
        case
            when not coalesce(has_limits, false) then coalesce(usual_range, 'no limits yet: the week has no signal row')
            when is_signal
                then 'signal, ' || case when is_signal_exception then 'bad' else 'good' end
                    || ' direction: ' || signal_rule || ' (usual range ' || usual_range || ')'
            else 'noise: within its usual range ' || usual_range
        end as signal_text,
        case
            when guardrail_status is null then 'no guardrail (judged by signal and plan)'
            when guardrail_status = 'critical'
                then 'CRITICAL: past the critical line ' || {{ kpi_format_value('critical_threshold', 'unit') }}
            when guardrail_margin = 0
                then 'WARN: at the warn line ' || {{ kpi_format_value('warn_threshold', 'unit') }}
                    || ' (critical ' || {{ kpi_format_value('critical_threshold', 'unit') }} || ')'
            else
                case when guardrail_status = 'warn' then 'WARN: ' else 'OK: ' end
                || case
                    when unit = 'share' then printf('%.2f pp', abs(guardrail_margin) * 100)
                    else printf('%.2f%%', abs(guardrail_margin) / abs(warn_threshold) * 100)
                end
                || case
                    when (guardrail_margin >= 0) = (direction = 'higher_is_better') then ' above' else ' below'
                end
                || ' the warn line ' || {{ kpi_format_value('warn_threshold', 'unit') }}
                || ' (critical ' || {{ kpi_format_value('critical_threshold', 'unit') }} || ')'
        end as guardrail_text
    from judged
),

scored as (
    select
        *,
        is_signal_exception or is_plan_miss or coalesce(guardrail_status <> 'ok', false) as is_exception,
        case
            when guardrail_status = 'critical' or (is_signal_exception and is_outside_limits) then 'critical'
            when is_signal_exception or is_plan_miss or guardrail_status = 'warn' then 'warn'
            else 'ok'
        end as status
    from verdicts
),

reviewable as (
    select
        scored.*,
        coalesce(
            volumes.observed_orders >= {{ var('kpi_incomplete_week_order_share') }} * volumes.usual_orders, true
        ) as has_complete_data,
        volumes.observed_orders as week_orders,
        volumes.usual_orders
    from scored
    left join volumes
        on scored.week_start = volumes.week_start
)

select
    '{{ kpi_review_grain() }}' as grain,
    -- The latest complete week with complete data: the week the review shows by default.
    week_start = max(case when has_complete_data then week_start end) over () as is_latest_complete_week,
    {{ var('kpi_window_days') }} as window_days,
    case direction when 'higher_is_better' then 'fall' else 'rise' end as harmful_move,
    {{ kpi_status_rank('status') }} as status_rank,
    -- The flight deck: the week's P0 and P1 metrics, worst status first, then by tier.
    tier in ('P0', 'P1') as is_on_flight_deck,
    cast(row_number() over (
        partition by week_start order by {{ kpi_status_rank('status') }}, tier, sort_order
    ) as integer) as review_order,
    *
from reviewable
