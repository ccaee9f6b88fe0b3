{#
    On-run-start hook: every dbt invocation that runs models (build, run; a retry of one) records
    that it started (status running) in build_runs, creating the project's two log tables
    on first use. A build that is killed leaves its row running, so the review can tell
    it did not finish. build_runs and scorecard_history are written by hooks only (never
    by a model), so a failed or killed build cannot change them beyond its own row.
    Columns added since the first version are added to an older warehouse's table here.
#}
{% macro start_build_log() %}
    {% if not execute or flags.WHICH not in ('build', 'run') %}{{ return('') }}{% endif %}
    create table if not exists {{ target.schema }}.build_runs (
        invocation_id varchar primary key,
        command varchar,
        started_at timestamp,
        finished_at timestamp,
        status varchar,
        nodes_passed integer,
        nodes_failed integer,
        data_lines bigint,
        staged_rows bigint,
        rejected_rows bigint,
        as_of_date date
    );
    alter table {{ target.schema }}.build_runs add column if not exists nodes_by_status map(varchar, integer);
    alter table {{ target.schema }}.build_runs add column if not exists raw_rows bigint;
    create table if not exists {{ target.schema }}.scorecard_history (
        as_of_date date,
        invocation_id varchar,
        recorded_at timestamp,
        metric_id varchar,
        value double,
        status varchar
    );
    insert into {{ target.schema }}.build_runs (invocation_id, command, started_at, status)
    values ('{{ invocation_id }}', '{{ flags.WHICH }}', current_localtimestamp(), 'running')
{% endmacro %}
