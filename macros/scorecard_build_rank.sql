{#
    Which build of kpi_scorecard_history a row belongs to, counted back from the latest:
    1 = the latest build, 2 = the one before it. Ties on the start time go by invocation
    id. The one definition of "previous build" that every what-moved mart uses.
#}
{% macro scorecard_build_rank() %}
    dense_rank() over (order by run_started_at desc, invocation_id desc)
{% endmacro %}
