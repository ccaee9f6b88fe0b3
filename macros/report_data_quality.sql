{#
    After a build, names each file that is past the warn or error threshold, and says why:
    the rows set aside by reason, the orders its lines should cover but do not (a file cut
    short), or lines neither staged nor set aside. So the user reads which file and what
    to do instead of only a failed test's name. Runs as an on-run-end hook; silent when
    all is well.
#}
{% macro report_data_quality() %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set quality = adapter.get_relation(database=target.database, schema=target.schema, identifier='fct_data_quality') %}
    {% set by_reason = adapter.get_relation(database=target.database, schema=target.schema, identifier='fct_rejected_rows_by_reason') %}
    {% if quality is none or by_reason is none %}{{ return('') }}{% endif %}
    {% set flagged = run_query(
        "select quality.source_file, quality.status, quality.raw_rows, quality.rejected_rows, quality.rejected_share,"
        ~ " quality.orders_expecting_lines, quality.orders_without_lines, quality.orders_without_lines_share,"
        ~ " quality.data_lines, quality.blank_lines, quality.staged_rows, quality.unaccounted_lines, quality.first_blank_line,"
        ~ " quality.continuation_lines,"
        ~ " (select " ~ ("listagg(reasons.rejection_reason || ': ' || reasons.rejected_rows, ', ') within group (order by reasons.rejected_rows desc)"
            if target.type == 'spark' else "string_agg(reasons.rejection_reason || ': ' || reasons.rejected_rows, ', ' order by reasons.rejected_rows desc)")
        ~ "  from " ~ by_reason ~ " as reasons where reasons.source_file = quality.source_file)"
        ~ " from " ~ quality ~ " as quality where quality.status <> 'ok' order by quality.sort_order") %}
    {% for row in flagged.rows %}
        {% set file_name, status, raw_rows, rejected_rows, share, expecting, without, without_share = row[:8] %}
        {% set data_lines, blank_lines, staged_rows, unaccounted, first_blank, continued, reasons = row[8:] %}
        {% set threshold = var('rejected_share_error') if status == 'error' else var('rejected_share_warn') %}
        {% set past = status ~ " threshold of " ~ '%.2f' | format(threshold * 100) ~ "%" %}
        {% if unaccounted != 0 %}
            {{ log("ERROR: " ~ file_name ~ ": " ~ data_lines ~ " data lines in the file, but " ~ staged_rows ~ " staged + "
                ~ rejected_rows ~ " set aside + " ~ blank_lines ~ " blank"
                ~ (" + " ~ continued ~ " continuing a row" if continued else "")
                ~ "; " ~ (unaccounted | abs) ~ " line(s) unaccounted for"
                ~ (". First blank line: " ~ first_blank if first_blank is not none else "")
                ~ ". Check the file's line ends and encoding.", info=true) }}
        {% endif %}
        {% if share is not none and share > threshold %}
            {{ log(status | upper ~ ": " ~ file_name ~ ": " ~ rejected_rows ~ " of " ~ raw_rows ~ " rows set aside ("
                ~ '%.2f' | format(share * 100) ~ "%, past the " ~ past ~ "): " ~ reasons
                ~ ". The rows are in fct_rejected_rows.", info=true) }}
        {% endif %}
        {% if without_share is not none and without_share > threshold %}
            {{ log(status | upper ~ ": " ~ file_name ~ ": " ~ without ~ " of " ~ expecting ~ " orders it should hold lines for have none"
                ~ " (order_without_lines, " ~ '%.2f' | format(without_share * 100) ~ "%, past the " ~ past ~ ")"
                ~ ": the file looks cut short or incomplete. Replace it with a complete export.", info=true) }}
        {% endif %}
    {% endfor %}
    {{ return('') }}
{% endmacro %}
