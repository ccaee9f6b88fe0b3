{#
    On-run-end hook: the build's outcome in build_runs (success when every node it ran
    passed or only warned; failed otherwise, a node skipped for an upstream error
    included), with the data's row counts and as_of; and, for a successful build only, its
    scorecard in scorecard_history, keyed by the data's as_of: the same data built again
    replaces its entry, new data adds one. A failed build never touches the history.
#}
{% macro finish_build_log(results) %}
    {% if not execute or flags.WHICH not in ('build', 'run') %}{{ return('') }}{% endif %}
    {% set failed = results | selectattr('status', 'in', ['error', 'fail', 'skipped', 'runtime error']) | list %}
    {% set succeeded = failed | length == 0 %}
    {% set quality = adapter.get_relation(database=target.database, schema=target.schema, identifier='fct_data_quality') %}
    {% set north_star = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_north_star') %}
    {% set scorecard = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_scorecard') %}
    update {{ target.schema }}.build_runs set
        finished_at = current_localtimestamp(),
        status = '{{ "success" if succeeded else "failed" }}',
        nodes_passed = {{ results | length - failed | length }},
        nodes_failed = {{ failed | length }}
        {%- if quality is not none %},
        data_lines = (select sum(data_lines) from {{ quality }}),
        staged_rows = (select sum(staged_rows) from {{ quality }}),
        rejected_rows = (select sum(rejected_rows) from {{ quality }})
        {%- endif %}
        {%- if north_star is not none %},
        as_of_date = (select max(as_of_date) from {{ north_star }})
        {%- endif %}
    where invocation_id = '{{ invocation_id }}';
    {% if succeeded and north_star is not none and scorecard is not none %}
    delete from {{ target.schema }}.scorecard_history
    where as_of_date = (select max(as_of_date) from {{ north_star }});
    insert into {{ target.schema }}.scorecard_history
    select
        north_star.as_of_date,
        '{{ invocation_id }}',
        current_localtimestamp(),
        scorecard.metric_id,
        scorecard.value,
        scorecard.status,
    from {{ scorecard }} as scorecard
    cross join {{ north_star }} as north_star;
    {% endif %}
{% endmacro %}
