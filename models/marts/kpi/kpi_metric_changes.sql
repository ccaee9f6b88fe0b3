-- One row per metric of the history's current entry (the data the latest successful build
-- recorded) against the previous entry (the latest as_of before it): value and status in
-- both, and the change. With no earlier entry the rows are a baseline.
-- A view, like the history it reads, so it includes the entry this build's hook records.
{{ config(materialized='view') }}
-- Relations named without the database: a view that names it stops working in a copy of
-- the warehouse file under another name (DuckDB names the database after the file).
with entries as (
    {{ scorecard_compared_entries(ref('kpi_scorecard_history').include(database=false)) }}
),

history as (
    select * from {{ ref('kpi_scorecard_history').include(database=false) }}
),

current_entry as (
    select history.*
    from history
    inner join entries
        on history.as_of_date = entries.current_as_of_date
),

previous_entry as (
    select history.*
    from history
    inner join entries
        on history.as_of_date = entries.previous_as_of_date
)

select
    current_entry.metric_id,
    entries.current_as_of_date,
    entries.previous_as_of_date,
    current_entry.value as current_value,
    previous_entry.value as previous_value,
    current_entry.value - previous_entry.value as change,
    -- Against the size of the previous value, so a fall reads negative whatever the sign.
    {{ safe_divide('current_entry.value - previous_entry.value', 'abs(previous_entry.value)') }} as relative_change,
    current_entry.status as current_status,
    previous_entry.status as previous_status,
    entries.previous_as_of_date is not null as has_previous_entry
from current_entry
cross join entries
left join previous_entry
    on current_entry.metric_id = previous_entry.metric_id
