{#
    On-run-start hook: every dbt invocation that runs models (build, run; a retry of one) records
    that it started (status running) in build_runs, creating the project's two log tables
    on first use. A build that is killed leaves its row running, so the review can tell
    it did not finish, and whether it was a full build (is_full_build: a partial one cannot
    clear a full build's failure). build_runs, scorecard_history and exception_history are
    written by hooks only (never by a model), so a failed or killed build cannot change them
    beyond its own row.
    Columns added since the first version are added to an older warehouse's table here.
#}
{% macro start_build_log() %}
    {{ return(adapter.dispatch('start_build_log', 'instacart_kpis')()) }}
{% endmacro %}

{% macro default__start_build_log() %}
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
    alter table {{ target.schema }}.build_runs add column if not exists is_full_build boolean;
    alter table {{ target.schema }}.build_runs add column if not exists failed_nodes varchar;
    create table if not exists {{ target.schema }}.exception_history (
        as_of_date date,
        invocation_id varchar,
        recorded_at timestamp,
        week_start date,
        kind varchar,
        metric_id varchar,
        segment varchar,
        subject varchar,
        owner_role varchar,
        severity varchar,
        has_owner_comment boolean
    );
    create table if not exists {{ target.schema }}.scorecard_history (
        as_of_date date,
        invocation_id varchar,
        recorded_at timestamp,
        metric_id varchar,
        value double,
        status varchar
    );
    insert into {{ target.schema }}.build_runs (invocation_id, command, started_at, status, is_full_build)
    values ('{{ invocation_id }}', '{{ flags.WHICH }}', current_localtimestamp(), 'running', {{ is_full_build() }})
{% endmacro %}

{#
    Spark: the same tables (Parquet, in the Hive warehouse), the row written by the hook
    itself one statement at a time (a hook is one statement there), so the hook's SQL is empty.
#}
{% macro spark__start_build_log() %}
    {% if not execute or flags.WHICH not in ('build', 'run') %}{{ return('') }}{% endif %}
    {% call statement('create_build_runs') %}
    create table if not exists {{ target.schema }}.build_runs (
        invocation_id string,
        command string,
        started_at timestamp,
        finished_at timestamp,
        status string,
        nodes_passed integer,
        nodes_failed integer,
        data_lines bigint,
        staged_rows bigint,
        rejected_rows bigint,
        as_of_date date,
        nodes_by_status map<string, integer>,
        raw_rows bigint,
        is_full_build boolean,
        failed_nodes string
    ) using parquet
    {% endcall %}
    {% call statement('create_exception_history') %}
    create table if not exists {{ target.schema }}.exception_history (
        as_of_date date,
        invocation_id string,
        recorded_at timestamp,
        week_start date,
        kind string,
        metric_id string,
        segment string,
        subject string,
        owner_role string,
        severity string,
        has_owner_comment boolean
    ) using parquet
    {% endcall %}
    {% call statement('create_scorecard_history') %}
    create table if not exists {{ target.schema }}.scorecard_history (
        as_of_date date,
        invocation_id string,
        recorded_at timestamp,
        metric_id string,
        value double,
        status string
    ) using parquet
    {% endcall %}
    {% call statement('insert_build_run') %}
    insert into {{ target.schema }}.build_runs (invocation_id, command, started_at, status, is_full_build)
    values ('{{ invocation_id }}', '{{ flags.WHICH }}', {{ local_now() }}, 'running', {{ is_full_build() }})
    {% endcall %}
    {{ return('') }}
{% endmacro %}
