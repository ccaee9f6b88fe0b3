{#
    On-run-end hook: the build's outcome in build_runs (success when every node it ran
    passed or only warned; failed otherwise, a node skipped for an upstream error
    included), with its nodes counted by status, the data's row counts and as_of; and, for
    a successful build that built the scorecard, that scorecard in scorecard_history,
    keyed by the data's as_of: the same data built again replaces its entry, new data adds
    one. A failed build never touches the history.
    Row counts and as_of are read only from marts this build wrote: after a failure
    upstream of them the tables still hold an earlier build's data, which is not this one's.
    One transaction, so a build killed during this hook leaves both tables as they were
    (its row running) rather than a history entry without its outcome, or the reverse.
    report_pending: the hook runs twice, around the data-quality report (dbt_project.yml).
    A hook that fails stops dbt before the hooks after it, so the first run records the
    build as failed, the report counted as one failed node, and writes no history; the
    last run, once the report has finished, records the outcome. A failing report thus
    leaves the build failed, not running.
#}
{% macro finish_build_log(results, report_pending=false) %}
    {{ return(adapter.dispatch('finish_build_log', 'instacart_kpis')(results, report_pending)) }}
{% endmacro %}

{% macro default__finish_build_log(results, report_pending=false) %}
    {% if not execute or flags.WHICH not in ('build', 'run') %}{{ return('') }}{% endif %}
    {% set outcome = build_outcome(results, report_pending) %}
    {% set quality, north_star, scorecard = outcome.quality, outcome.north_star, outcome.scorecard %}
    begin transaction;
    {% if outcome.records_history %}
    delete from {{ target.schema }}.scorecard_history
    where as_of_date = (select max(as_of_date) from {{ north_star }});
    insert into {{ target.schema }}.scorecard_history
    select
        north_star.as_of_date,
        '{{ invocation_id }}',
        {{ local_now() }},
        scorecard.metric_id,
        scorecard.value,
        scorecard.status
    from {{ scorecard }} as scorecard
    cross join {{ north_star }} as north_star;
    {% endif %}
    {% if outcome.records_exceptions %}
    delete from {{ target.schema }}.exception_history
    where as_of_date = (select max(as_of_date) from {{ north_star }});
    insert into {{ target.schema }}.exception_history
    {{ exception_history_rows(outcome) }};
    {% endif %}
    update {{ target.schema }}.build_runs set
        finished_at = {{ local_now() }},
        status = '{{ "success" if outcome.succeeded else "failed" }}',
        nodes_passed = {{ outcome.nodes_passed }},
        nodes_failed = {{ outcome.nodes_failed }},
        nodes_by_status = map {
            {%- for status, count in outcome.counts | dictsort %}'{{ status }}': {{ count }}{{ ", " if not loop.last }}{% endfor -%}
        }::map(varchar, integer),
        raw_rows = {{ "(select sum(raw_rows) from " ~ quality ~ ")" if quality is not none else "null" }},
        data_lines = {{ "(select sum(data_lines) from " ~ quality ~ ")" if quality is not none else "null" }},
        staged_rows = {{ "(select sum(staged_rows) from " ~ quality ~ ")" if quality is not none else "null" }},
        rejected_rows = {{ "(select sum(rejected_rows) from " ~ quality ~ ")" if quality is not none else "null" }},
        as_of_date = {{ "(select max(as_of_date) from " ~ north_star ~ ")" if outcome.north_star_built else "null" }},
        failed_nodes = {{ failed_nodes_literal(outcome) }}
    where invocation_id = '{{ invocation_id }}';
    commit;
{% endmacro %}

{#
    Spark: Parquet tables take no UPDATE or DELETE, so each table is rewritten: its rows
    with this build's entry replaced are written to a side table, then over the table. Not
    one transaction there: a build killed inside this hook can leave the side table behind
    (the next build replaces it).
#}
{% macro spark__finish_build_log(results, report_pending=false) %}
    {% if not execute or flags.WHICH not in ('build', 'run') %}{{ return('') }}{% endif %}
    {% set outcome = build_outcome(results, report_pending) %}
    {% set quality, north_star, scorecard = outcome.quality, outcome.north_star, outcome.scorecard %}
    {% set schema = target.schema %}
    {% if outcome.records_history %}
        {% call statement('drop_stale_next_history') %}drop table if exists {{ schema }}.scorecard_history__next{% endcall %}
        {% call statement('next_history') %}
        create table {{ schema }}.scorecard_history__next using parquet as
        select * from {{ schema }}.scorecard_history
        where as_of_date is distinct from (select max(as_of_date) from {{ north_star }})
        union all
        select
            north_star.as_of_date,
            '{{ invocation_id }}' as invocation_id,
            {{ local_now() }} as recorded_at,
            scorecard.metric_id,
            scorecard.value,
            scorecard.status
        from {{ scorecard }} as scorecard
        cross join {{ north_star }} as north_star
        {% endcall %}
        {% call statement('write_history') %}
        insert overwrite table {{ schema }}.scorecard_history select * from {{ schema }}.scorecard_history__next
        {% endcall %}
        {% call statement('drop_next_history') %}drop table if exists {{ schema }}.scorecard_history__next{% endcall %}
    {% endif %}
    {% if outcome.records_exceptions %}
        {% call statement('drop_stale_next_exceptions') %}drop table if exists {{ schema }}.exception_history__next{% endcall %}
        {% call statement('next_exceptions') %}
        create table {{ schema }}.exception_history__next using parquet as
        select * from {{ schema }}.exception_history
        where as_of_date is distinct from (select max(as_of_date) from {{ north_star }})
        union all
        {{ exception_history_rows(outcome) }}
        {% endcall %}
        {% call statement('write_exceptions') %}
        insert overwrite table {{ schema }}.exception_history select * from {{ schema }}.exception_history__next
        {% endcall %}
        {% call statement('drop_next_exceptions') %}drop table if exists {{ schema }}.exception_history__next{% endcall %}
    {% endif %}
    {% call statement('drop_stale_next_runs') %}drop table if exists {{ schema }}.build_runs__next{% endcall %}
        {% call statement('next_runs') %}
    create table {{ schema }}.build_runs__next using parquet as
    select * from {{ schema }}.build_runs
    where invocation_id <> '{{ invocation_id }}'
    union all
    select
        invocation_id,
        command,
        started_at,
        {{ local_now() }} as finished_at,
        '{{ "success" if outcome.succeeded else "failed" }}' as status,
        {{ outcome.nodes_passed }} as nodes_passed,
        {{ outcome.nodes_failed }} as nodes_failed,
        {{ "(select sum(data_lines) from " ~ quality ~ ")" if quality is not none else "cast(null as bigint)" }} as data_lines,
        {{ "(select sum(staged_rows) from " ~ quality ~ ")" if quality is not none else "cast(null as bigint)" }} as staged_rows,
        {{ "(select sum(rejected_rows) from " ~ quality ~ ")" if quality is not none else "cast(null as bigint)" }} as rejected_rows,
        {{ "(select max(as_of_date) from " ~ north_star ~ ")" if outcome.north_star_built else "cast(null as date)" }} as as_of_date,
        cast(map(
            {%- for status, count in outcome.counts | dictsort %}'{{ status }}', {{ count }}{{ ", " if not loop.last }}{% endfor -%}
        ) as map<string, integer>) as nodes_by_status,
        {{ "(select sum(raw_rows) from " ~ quality ~ ")" if quality is not none else "cast(null as bigint)" }} as raw_rows,
        is_full_build,
        {{ failed_nodes_literal(outcome) }} as failed_nodes
    from {{ schema }}.build_runs
    where invocation_id = '{{ invocation_id }}'
    {% endcall %}
    {% call statement('write_runs') %}
    insert overwrite table {{ schema }}.build_runs select * from {{ schema }}.build_runs__next
    {% endcall %}
    {% call statement('drop_next_runs') %}drop table if exists {{ schema }}.build_runs__next{% endcall %}
    {{ return('') }}
{% endmacro %}
