{#
    After a build, names each file whose share of set-aside rows is past the warn or
    error threshold, with the reasons, so the user reads which file and why instead of
    only a failed test's name. Runs as an on-run-end hook; silent when all is well.
#}
{% macro report_data_quality() %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set quality = adapter.get_relation(database=target.database, schema=target.schema, identifier='fct_data_quality') %}
    {% set by_reason = adapter.get_relation(database=target.database, schema=target.schema, identifier='fct_rejected_rows_by_reason') %}
    {% if quality is none or by_reason is none %}{{ return('') }}{% endif %}
    {% set flagged = run_query(
        "select quality.source_file, quality.status, quality.raw_rows, quality.rejected_rows, quality.rejected_share,"
        ~ " string_agg(reasons.rejection_reason || ': ' || reasons.rejected_rows, ', ' order by reasons.rejected_rows desc)"
        ~ " from " ~ quality ~ " as quality join " ~ by_reason ~ " as reasons using (source_file)"
        ~ " where quality.status <> 'ok' group by quality.source_file, quality.status, quality.raw_rows, quality.rejected_rows, quality.rejected_share, quality.sort_order order by quality.sort_order") %}
    {% for file_name, status, raw_rows, rejected_rows, share, reasons in flagged.rows %}
        {% set threshold = var('rejected_share_error') if status == 'error' else var('rejected_share_warn') %}
        {{ log(status | upper ~ ": " ~ file_name ~ ": " ~ rejected_rows ~ " of " ~ raw_rows ~ " rows set aside ("
            ~ '%.2f' | format(share * 100) ~ "%, past the " ~ status ~ " threshold of " ~ '%.2f' | format(threshold * 100)
            ~ "%): " ~ reasons ~ ". The rows are in stg_instacart__rejected_rows.", info=true) }}
    {% endfor %}
    {{ return('') }}
{% endmacro %}
