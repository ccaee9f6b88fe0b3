{#-
    The rows finish_build_log records in exception_history for a successful build: the
    exceptions of the week the review shows by default (kpi_weekly_scorecard's latest complete
    week with complete data; the snapshot's, week_start null, on undated data), keyed by the
    data's as_of, each with whether its owner has commented. The next data's review reads them
    back (kpi_exception_ledger) to say which persisted, which resolved, which were never explained.
-#}
{% macro exception_history_rows(outcome) -%}
    select
        north_star.as_of_date,
        '{{ invocation_id }}' as invocation_id,
        {{ local_now() }} as recorded_at,
        exceptions.week_start,
        exceptions.kind,
        exceptions.metric_id,
        exceptions.segment,
        exceptions.subject,
        exceptions.owner_role,
        exceptions.severity,
        exceptions.owner_comment is not null as has_owner_comment
    from {{ outcome.exceptions }} as exceptions
    cross join {{ outcome.north_star }} as north_star
    where exceptions.week_start is not distinct from (
        select max(week_start) from {{ outcome.weeks }} where is_latest_complete_week
    )
{%- endmacro %}
