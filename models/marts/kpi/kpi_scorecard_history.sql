-- One row per build and metric: the scorecard as it stood at each dbt invocation,
-- appended and never rewritten, so the review can compare this run with the last.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
) }}

select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp) as run_started_at,
    '{{ invocation_id }}' as invocation_id,
    metric_id,
    value,
    status,
from {{ ref('kpi_scorecard') }}
{% if is_incremental() %}
-- A retried or repeated node in the same invocation must not append the run twice.
where not exists (
    select 1
    from {{ this }} as history
    where history.invocation_id = '{{ invocation_id }}'
)
{% endif %}
