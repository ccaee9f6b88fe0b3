-- One row per as_of and metric: the scorecard of the data as of that date, as the last
-- successful build of that data recorded it (the on-run-end hook writes it; a failed or
-- killed build never does). The same data built twice is one entry; new data a new one.
-- A view, so it shows the log as it is now, including the entry this build's hook adds.
-- The log is named without the database: a view that names it stops working in a copy
-- of the warehouse file under another name (DuckDB names the database after the file).
{{ config(materialized='view') }}
-- depends_on: {{ ref('kpi_scorecard') }}
select
    as_of_date,
    invocation_id,
    recorded_at,
    metric_id,
    value,
    status
from {{ source('build_log', 'scorecard_history').include(database=false) }}
