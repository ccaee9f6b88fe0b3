-- One row per metric of the latest build in the history: its value and status then and in
-- the build before it, and the change. "Before" is the latest build strictly earlier
-- (by run_started_at, then invocation_id); with no earlier build the row is a baseline.
with history as (
    select
        run_started_at,
        invocation_id,
        metric_id,
        value,
        status,
        {{ scorecard_build_rank() }} as build_rank,
    from {{ ref('kpi_scorecard_history') }}
),

current_build as (
    select * from history where build_rank = 1
),

previous_build as (
    select * from history where build_rank = 2
),

-- Zero rows (a baseline) or one row: the run the current build is compared with.
previous_run as (
    select distinct run_started_at from previous_build
)

select
    current_build.metric_id,
    current_build.run_started_at as current_run_started_at,
    previous_run.run_started_at as previous_run_started_at,
    current_build.value as current_value,
    previous_build.value as previous_value,
    current_build.value - previous_build.value as change,
    -- Against the size of the previous value, so a fall reads negative whatever the sign.
    {{ safe_divide('current_build.value - previous_build.value', 'abs(previous_build.value)') }} as relative_change,
    current_build.status as current_status,
    previous_build.status as previous_status,
    previous_run.run_started_at is not null as has_previous_run,
from current_build
left join previous_run
    on true
left join previous_build
    on current_build.metric_id = previous_build.metric_id
