-- One row per complete ISO week (7 days, whatever var kpi_window_days) and metric, for all
-- customers, and per segment for VPAC: whether the week is a signal or noise, judged by
-- process behaviour (XmR). The baseline is the kpi_signal_baseline_weeks complete weeks
-- before the week (never the week itself): centre = their mean, mR = their mean absolute
-- week-to-week change, natural limits = centre +/- 2.66 mR, half-way lines = centre +/-
-- 1.33 mR. Rules: (1) the week outside the limits; (2) the last 8 weeks all on one side of
-- the centre; (3) 3 of the last 4 weeks beyond a half-way line on one side. A signal in the
-- metric's bad direction is an exception. With fewer than kpi_signal_min_baseline_weeks
-- baseline weeks there are no limits and no signal.
{% set baseline_weeks = var('kpi_signal_baseline_weeks') %}

with weeks as (
    select
        period_start as week_start,
        segment,
        segment_sort_order,
        metric_id,
        value
    from {{ ref('kpi_metric_values') }}
    where grain = 'week'
        and is_complete
        and (segment = 'all' or metric_id = 'vpac')
),

moving_ranges as (
    select
        *,
        abs(value - lag(value) over (partition by segment, metric_id order by week_start)) as moving_range
    from weeks
),

baselines as (
    select
        *,
        count(value) over (
            partition by segment, metric_id order by week_start
            rows between {{ baseline_weeks }} preceding and 1 preceding
        ) as baseline_weeks,
        avg(value) over (
            partition by segment, metric_id order by week_start
            rows between {{ baseline_weeks }} preceding and 1 preceding
        ) as centre,
        -- The moving ranges inside the baseline: between its consecutive weeks only.
        avg(moving_range) over (
            partition by segment, metric_id order by week_start
            rows between {{ baseline_weeks - 1 }} preceding and 1 preceding
        ) as mean_moving_range
    from moving_ranges
),

limits as (
    select
        week_start,
        segment,
        segment_sort_order,
        metric_id,
        value,
        baseline_weeks,
        baseline_weeks >= {{ var('kpi_signal_min_baseline_weeks') }} and mean_moving_range is not null as has_limits,
        centre,
        mean_moving_range,
        centre - 2.66 * mean_moving_range as lower_limit,
        centre + 2.66 * mean_moving_range as upper_limit,
        centre - 1.33 * mean_moving_range as lower_half_line,
        centre + 1.33 * mean_moving_range as upper_half_line
    from baselines
),

-- The judged week and the 7 before it, each compared with the judged week's own lines.
recent_weeks as (
    select
        judged.week_start,
        judged.segment,
        judged.metric_id,
        count(recent.value) as recent_weeks,
        count(case when recent.value > judged.centre then 1 end) as weeks_above_centre,
        count(case when recent.value < judged.centre then 1 end) as weeks_below_centre,
        count(
            case when recent.week_start >= judged.week_start - 21 and recent.value > judged.upper_half_line then 1 end
        ) as last_four_above_half_line,
        count(
            case when recent.week_start >= judged.week_start - 21 and recent.value < judged.lower_half_line then 1 end
        ) as last_four_below_half_line
    from limits as judged
    inner join weeks as recent
        on judged.segment = recent.segment
            and judged.metric_id = recent.metric_id
            and recent.week_start between judged.week_start - 49 and judged.week_start
    where judged.has_limits
    group by judged.week_start, judged.segment, judged.metric_id
),

rules as (
    select
        limits.*,
        coalesce(limits.has_limits and limits.value > limits.upper_limit, false) as is_above_limits,
        coalesce(limits.has_limits and limits.value < limits.lower_limit, false) as is_below_limits,
        coalesce(recent_weeks.recent_weeks = 8 and recent_weeks.weeks_above_centre = 8, false) as is_run_above_centre,
        coalesce(recent_weeks.recent_weeks = 8 and recent_weeks.weeks_below_centre = 8, false) as is_run_below_centre,
        coalesce(recent_weeks.last_four_above_half_line >= 3, false) as is_three_of_four_above,
        coalesce(recent_weeks.last_four_below_half_line >= 3, false) as is_three_of_four_below
    from limits
    left join recent_weeks
        on limits.week_start = recent_weeks.week_start
            and limits.segment = recent_weeks.segment
            and limits.metric_id = recent_weeks.metric_id
),

directions as (
    select
        rules.*,
        -- One direction per week: the first rule that fired, in the order of the rules.
        case
            when rules.is_above_limits then 'up'
            when rules.is_below_limits then 'down'
            when rules.is_run_above_centre then 'up'
            when rules.is_run_below_centre then 'down'
            when rules.is_three_of_four_above then 'up'
            when rules.is_three_of_four_below then 'down'
        end as signal_direction
    from rules
)

select
    directions.week_start,
    directions.segment,
    directions.segment_sort_order,
    directions.metric_id,
    directions.value,
    cast(directions.baseline_weeks as integer) as baseline_weeks,
    directions.has_limits,
    case when directions.has_limits then directions.centre end as centre,
    case when directions.has_limits then directions.mean_moving_range end as mean_moving_range,
    case when directions.has_limits then directions.lower_limit end as lower_limit,
    case when directions.has_limits then directions.upper_limit end as upper_limit,
    case when directions.has_limits then directions.lower_half_line end as lower_half_line,
    case when directions.has_limits then directions.upper_half_line end as upper_half_line,
    (directions.signal_direction = 'up' and directions.is_above_limits)
    or (directions.signal_direction = 'down' and directions.is_below_limits) as is_outside_limits,
    directions.is_run_above_centre or directions.is_run_below_centre as is_run_of_eight,
    directions.is_three_of_four_above or directions.is_three_of_four_below as is_three_of_four,
    directions.signal_direction is not null as is_signal,
    directions.signal_direction,
    -- The rules that fired in the signal's direction (the direction of the first that fired).
    nullif(concat_ws(
        '; ',
        case when directions.signal_direction = 'up' and directions.is_above_limits then 'above its upper limit' end,
        case when directions.signal_direction = 'down' and directions.is_below_limits then 'below its lower limit' end,
        case
            when directions.signal_direction = 'up' and directions.is_run_above_centre
                then '8 weeks in a row above its centre'
        end,
        case
            when directions.signal_direction = 'down' and directions.is_run_below_centre
                then '8 weeks in a row below its centre'
        end,
        case
            when directions.signal_direction = 'up' and directions.is_three_of_four_above
                then '3 of the last 4 weeks past the half-way line above its centre'
        end,
        case
            when directions.signal_direction = 'down' and directions.is_three_of_four_below
                then '3 of the last 4 weeks past the half-way line below its centre'
        end
    ), '') as signal_rule,
    coalesce(
        (definitions.direction = 'higher_is_better' and directions.signal_direction = 'down')
        or (definitions.direction = 'lower_is_better' and directions.signal_direction = 'up'),
        false
    ) as is_exception,
    case
        when not directions.has_limits
            then 'no limits yet (' || cast(directions.baseline_weeks as string) || ' of '
                || '{{ var("kpi_signal_min_baseline_weeks") }} baseline weeks needed)'
        else {{ kpi_format_value('directions.lower_limit', 'definitions.unit') }} || '–'
            || {{ kpi_format_value('directions.upper_limit', 'definitions.unit') }}
    end as usual_range
from directions
inner join {{ ref('metric_definitions') }} as definitions
    on directions.metric_id = definitions.metric_id
