{#
    What the on-run-end hook records, read from dbt's results (one reading for every
    engine's finish_build_log): the nodes counted by status (the hooks' own results left
    out; a failed hook still fails the build), whether the build succeeded, and the marts
    this build wrote that the log may read (fct_data_quality, kpi_north_star,
    kpi_scorecard, kpi_exceptions, kpi_weekly_scorecard): after a failure upstream of them,
    they still hold an earlier build's data, which is not this one's; and the names of the
    nodes that errored or failed (not those skipped because of them), for the review's refusal.
    report_pending: the on-run-end data-quality report has not finished yet; it counts as
    one failed node (nodes_by_status counts nodes only), so the build is failed until the
    hook runs again after it (finish_build_log).
#}
{% macro build_outcome(results, report_pending=false) %}
    {% set counts = {} %}
    {% set built = [] %}
    {% set failed = [] %}
    {% set failed_names = [] %}
    {% for result in results %}
        {% set status = result.status | string %}
        {% if status not in ('success', 'pass', 'warn', 'no-op') %}
            {% do failed.append(result.node.unique_id) %}
            {% if status != 'skipped' %}{% do failed_names.append(result.node.name) %}{% endif %}
        {% endif %}
        {% if result.node.resource_type != 'operation' %}
            {% do counts.update({status: counts.get(status, 0) + 1}) %}
            {% if status == 'success' and result.node.resource_type == 'model' %}{% do built.append(result.node.name) %}{% endif %}
        {% endif %}
    {% endfor %}
    {% set quality = adapter.get_relation(database=target.database, schema=target.schema, identifier='fct_data_quality') %}
    {% set north_star = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_north_star') %}
    {% set scorecard = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_scorecard') %}
    {% set exceptions = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_exceptions') %}
    {% set weeks = adapter.get_relation(database=target.database, schema=target.schema, identifier='kpi_weekly_scorecard') %}
    {% if report_pending %}{% do failed.append('operation.instacart_kpis.report_data_quality') %}{% endif %}
    {% set succeeded = failed | length == 0 %}
    {{ return({
        'counts': counts,
        'succeeded': succeeded,
        'nodes_passed': counts.get('success', 0) + counts.get('pass', 0) + counts.get('warn', 0) + counts.get('no-op', 0),
        'nodes_failed': failed | length,
        'quality': quality if quality is not none and 'fct_data_quality' in built else none,
        'north_star': north_star,
        'north_star_built': north_star is not none and 'kpi_north_star' in built,
        'records_history': succeeded and scorecard is not none and north_star is not none and 'kpi_scorecard' in built,
        'scorecard': scorecard,
        'records_exceptions': succeeded and exceptions is not none and weeks is not none
            and 'kpi_exceptions' in built and 'kpi_weekly_scorecard' in built and 'kpi_north_star' in built,
        'exceptions': exceptions,
        'weeks': weeks,
        'failed_names': failed_names,
    }) }}
{% endmacro %}
