-- One row per exception of the current entry of the history or of the previous one (the
-- data as of the latest successful build, and the latest as_of before it): whether it is new,
-- persisted from the previous review or resolved since, and whether a persisting one was never
-- explained (its owner commented in neither review). The review reads it as "since the last
-- review". A view over the build log, so it includes the entry this build's hook records.
{{ config(materialized='view') }}
-- Relations named without the database: a view that names it stops working in a copy of
-- the warehouse file under another name (DuckDB names the database after the file).
with entries as (
    {{ scorecard_compared_entries(ref('kpi_scorecard_history').include(database=false)) }}
),

history as (
    select * from {{ source('build_log', 'exception_history').include(database=false) }}
),

current_exceptions as (
    select history.*
    from history
    inner join entries
        on history.as_of_date = entries.current_as_of_date
),

previous_exceptions as (
    select history.*
    from history
    inner join entries
        on history.as_of_date = entries.previous_as_of_date
)

select
    entries.current_as_of_date,
    entries.previous_as_of_date,
    coalesce(current_exceptions.metric_id, previous_exceptions.metric_id) as metric_id,
    coalesce(current_exceptions.segment, previous_exceptions.segment) as segment,
    coalesce(current_exceptions.kind, previous_exceptions.kind) as kind,
    coalesce(current_exceptions.subject, previous_exceptions.subject) as subject,
    coalesce(current_exceptions.owner_role, previous_exceptions.owner_role) as owner_role,
    current_exceptions.week_start as current_week_start,
    previous_exceptions.week_start as previous_week_start,
    current_exceptions.severity as current_severity,
    previous_exceptions.severity as previous_severity,
    case
        when previous_exceptions.kind is null then 'new'
        when current_exceptions.kind is null then 'resolved'
        else 'persisted'
    end as ledger_status,
    coalesce(
        current_exceptions.kind is not null
        and previous_exceptions.kind is not null
        and not current_exceptions.has_owner_comment
        and not previous_exceptions.has_owner_comment,
        false
    ) as is_never_explained
from current_exceptions
full outer join previous_exceptions
    on current_exceptions.metric_id = previous_exceptions.metric_id
        and current_exceptions.segment = previous_exceptions.segment
        and current_exceptions.kind = previous_exceptions.kind
cross join entries
