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
#}
{% macro finish_build_log(results) %}
    {{ return(adapter.dispatch('finish_build_log', 'instacart_kpis')(results)) }}
{% endmacro %}

{% macro default__finish_build_log(results) %}
    {% if not execute or flags.WHICH not in ('build', 'run') %}{{ return('') }}{% endif %}
    {% set counts = {} %}
    {% set built = [] %}
    {% set failed = [] %}
    {% for result in results %}
        {% set status = result.status | string %}
        {% if status not in ('success', 'pass', 'warn', 'no-op') %}{% do failed.append(result.node.unique_id) %}{% endif %}
        {# the on-run-start hook's own result is among them: a failure counts, not the hook #}
        {% if result.node.resource_type != 'operation' %}
            {% do counts.update({status: counts.get(status, 0) + 1}) %}
            {% if status == 'success' and result.node.resource_type == 'model' %}{% do built.append(result.node.name) %}{% endif %}
        {% endif %}
    {% endfor %}
    {% set succeeded = failed | length == 0 %}
    {% set quality = adapter.get_relation(database=target.database, schema=target.schema, identifier='fct_data_quality') %}
    {% set north_star = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_north_star') %}
    {% set scorecard = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_scorecard') %}
    {% set has_quality = quality is not none and 'fct_data_quality' in built %}
    {% set has_as_of = north_star is not none and 'kpi_north_star' in built %}
    begin transaction;
    {% if succeeded and scorecard is not none and north_star is not none and 'kpi_scorecard' in built %}
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
    update {{ target.schema }}.build_runs set
        finished_at = {{ local_now() }},
        status = '{{ "success" if succeeded else "failed" }}',
        nodes_passed = {{ counts.get('success', 0) + counts.get('pass', 0) + counts.get('warn', 0) + counts.get('no-op', 0) }},
        nodes_failed = {{ failed | length }},
        nodes_by_status = map {
            {%- for status, count in counts | dictsort %}'{{ status }}': {{ count }}{{ ", " if not loop.last }}{% endfor -%}
        }::map(varchar, integer),
        raw_rows = {{ "(select sum(raw_rows) from " ~ quality ~ ")" if has_quality else "null" }},
        data_lines = {{ "(select sum(data_lines) from " ~ quality ~ ")" if has_quality else "null" }},
        staged_rows = {{ "(select sum(staged_rows) from " ~ quality ~ ")" if has_quality else "null" }},
        rejected_rows = {{ "(select sum(rejected_rows) from " ~ quality ~ ")" if has_quality else "null" }},
        as_of_date = {{ "(select max(as_of_date) from " ~ north_star ~ ")" if has_as_of else "null" }}
    where invocation_id = '{{ invocation_id }}';
    commit;
{% endmacro %}

{#
    Spark: Parquet tables take no UPDATE or DELETE, so each table is rewritten: its rows
    with this build's entry replaced are written to a side table, then over the table. Not
    one transaction there: a build killed inside this hook can leave the side table behind
    (the next build replaces it).
#}
{% macro spark__finish_build_log(results) %}
    {% if not execute or flags.WHICH not in ('build', 'run') %}{{ return('') }}{% endif %}
    {% set counts = {} %}
    {% set built = [] %}
    {% set failed = [] %}
    {% for result in results %}
        {% set status = result.status | string %}
        {% if status not in ('success', 'pass', 'warn', 'no-op') %}{% do failed.append(result.node.unique_id) %}{% endif %}
        {% if result.node.resource_type != 'operation' %}
            {% do counts.update({status: counts.get(status, 0) + 1}) %}
            {% if status == 'success' and result.node.resource_type == 'model' %}{% do built.append(result.node.name) %}{% endif %}
        {% endif %}
    {% endfor %}
    {% set succeeded = failed | length == 0 %}
    {% set quality = adapter.get_relation(database=target.database, schema=target.schema, identifier='fct_data_quality') %}
    {% set north_star = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_north_star') %}
    {% set scorecard = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_scorecard') %}
    {% set has_quality = quality is not none and 'fct_data_quality' in built %}
    {% set has_as_of = north_star is not none and 'kpi_north_star' in built %}
    {% set schema = target.schema %}
    {% if succeeded and scorecard is not none and north_star is not none and 'kpi_scorecard' in built %}
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
        '{{ "success" if succeeded else "failed" }}' as status,
        {{ counts.get('success', 0) + counts.get('pass', 0) + counts.get('warn', 0) + counts.get('no-op', 0) }} as nodes_passed,
        {{ failed | length }} as nodes_failed,
        {{ "(select sum(data_lines) from " ~ quality ~ ")" if has_quality else "cast(null as bigint)" }} as data_lines,
        {{ "(select sum(staged_rows) from " ~ quality ~ ")" if has_quality else "cast(null as bigint)" }} as staged_rows,
        {{ "(select sum(rejected_rows) from " ~ quality ~ ")" if has_quality else "cast(null as bigint)" }} as rejected_rows,
        {{ "(select max(as_of_date) from " ~ north_star ~ ")" if has_as_of else "cast(null as date)" }} as as_of_date,
        cast(map(
            {%- for status, count in counts | dictsort %}'{{ status }}', {{ count }}{{ ", " if not loop.last }}{% endfor -%}
        ) as map<string, integer>) as nodes_by_status,
        {{ "(select sum(raw_rows) from " ~ quality ~ ")" if has_quality else "cast(null as bigint)" }} as raw_rows
    from {{ schema }}.build_runs
    where invocation_id = '{{ invocation_id }}'
    {% endcall %}
    {% call statement('write_runs') %}
    insert overwrite table {{ schema }}.build_runs select * from {{ schema }}.build_runs__next
    {% endcall %}
    {% call statement('drop_next_runs') %}drop table if exists {{ schema }}.build_runs__next{% endcall %}
    {{ return('') }}
{% endmacro %}
