-- One row per complete week (with a week before it) and metric of seed metric_definitions:
-- the metric over the week's window and the week before's (kpi_metric_comparisons, segment
-- all, the review's grain), the change, the thresholds, the rule in words and the week's
-- status: a metric with week-over-week thresholds is judged by its change, the others by
-- this week's level. Empty on undated data. The review reads any week; by default the
-- latest complete one.
with weeks as (
    select
        period_start as week_start,
        previous_period_start as previous_week_start,
        metric_id,
        value as this_week_value,
        previous_value as last_week_value,
        change as wow_change,
        relative_change as wow_relative_change
    from {{ ref('kpi_metric_comparisons') }}
    where grain = '{{ kpi_review_grain() }}'
        and segment = 'all'
        and is_complete
        and previous_period_start is not null
),

windows as (
    select
        period_start as week_start,
        window_start,
        window_end
    from {{ ref('int_calendar__periods') }}
    where grain = '{{ kpi_review_grain() }}'
),

judged as (
    select
        '{{ kpi_review_grain() }}' as grain,
        weeks.week_start,
        weeks.previous_week_start,
        weeks.week_start = max(weeks.week_start) over () as is_latest_complete_week,
        windows.window_start,
        windows.window_end,
        {{ var('kpi_window_days') }} as window_days,
        definitions.metric_id,
        definitions.display_name,
        definitions.tier,
        definitions.metric_type,
        definitions.owner_role,
        definitions.unit,
        definitions.direction,
        case definitions.direction when 'higher_is_better' then 'fall' else 'rise' end as harmful_move,
        weeks.this_week_value,
        weeks.last_week_value,
        weeks.wow_change,
        weeks.wow_relative_change,
        definitions.warn_threshold,
        definitions.critical_threshold,
        definitions.wow_change_warn,
        definitions.wow_change_critical,
        case when definitions.wow_change_warn is not null then 'wow_change' else 'level' end as judged_by,
        definitions.sort_order
    from weeks
    inner join windows
        on weeks.week_start = windows.week_start
    inner join {{ ref('metric_definitions') }} as definitions
        on weeks.metric_id = definitions.metric_id
),

scored as (
    select
        *,
        case judged_by
            when 'wow_change'
                then
                    {{ kpi_wow_status('wow_relative_change', 'direction', 'wow_change_warn', 'wow_change_critical') }}
            else {{ kpi_status('this_week_value', 'direction', 'warn_threshold', 'critical_threshold') }}
        end as status,
        {{ kpi_status_rule('judged_by', 'direction', 'unit', 'warn_threshold', 'critical_threshold',
            'wow_change_warn', 'wow_change_critical') }} as status_rule
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
