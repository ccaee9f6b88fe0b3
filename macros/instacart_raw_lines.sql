{#
    Every line of one raw file (by its key, e.g. 'orders'), as text and nothing else:
    no quoting, no types, no sniffing, so no line can swallow another and no value is
    converted before staging checks it. A line ends at LF, CRLF or a lone CR; blank lines
    are skipped (base_instacart__raw_files counts them); the header is left out. A line
    that is not valid UTF-8, or longer than var raw_line_max_bytes, is left out too, and
    the base model's post-hook (add_unreadable_rows) adds it back as a row set aside.
    numbered: also line_number, the line's place among the lines read (1, 2, ...), in the
    file's order, for csv_records to join the lines of a quoted field that holds line ends.
    An optional file that is absent (instacart_file_is_absent) has no lines.
#}
{% macro instacart_raw_lines(file_key, numbered=false) %}
    {%- if instacart_file_is_absent(file_key) -%}
        {{ return("(select cast(null as string) as line" ~ (", cast(null as bigint) as line_number" if numbered else "") ~ " where 1 = 0)") }}
    {%- endif -%}
    {{ return(adapter.dispatch('instacart_raw_lines', 'instacart_kpis')(file_key, numbered)) }}
{% endmacro %}

{#
    DuckDB: a line that is not valid UTF-8 is kept by DuckDB's reader in the temporary
    rejects table <file_key>_reject_errors. The carriage-return delimiter and the second
    column are what make DuckDB end lines the same way on mixed LF/CRLF files; the second
    column is always empty. The reader's own line limit sits two bytes above
    raw_line_max_bytes (it counts a line a byte or two longer than its text on some line
    ends, and would set aside a line that fits): the lines longer than the limit are the
    ones base_instacart__raw_files found, so the few the reader still reads are left out
    here, and those it sets aside are not read back from its rejects (unreadable_lines).
    Its buffer must hold the longest line it reads: past it, a line is dropped unseen.
#}
{% macro default__instacart_raw_lines(file_key, numbered=false) %}
    {%- set max_bytes = var('raw_line_max_bytes') | int -%}
(
    select
        raw_text.line{% if numbered %},
        row_number() over (order by raw_text.line_position) as line_number{% endif %}
    from (
        -- A window with an empty over () numbers a single file's rows in the order read.
        select
            line{% if numbered %},
            row_number() over () as line_position{% endif %}
        from read_csv({{ instacart_file_literal(file_key) }}, header = true, auto_detect = false,
            delim = chr(13), quote = '', escape = '', new_line = '\n', null_padding = true, strict_mode = false,
            max_line_size = {{ max_bytes + 2 }}{% if max_bytes + 2 > 16 * 1024 * 1024 %}, buffer_size = {{ 2 * (max_bytes + 2) }}{% endif %},
            {%- if numbered %} parallel = false,{% endif %}
            columns = {'line': 'VARCHAR', 'after_carriage_return': 'VARCHAR'},
            store_rejects = true, rejects_table = '{{ file_key }}_reject_errors', rejects_scan = '{{ file_key }}_reject_scans')
    ) as raw_text
    where strlen(raw_text.line) <= {{ max_bytes }}
)
{% endmacro %}

{#
    Spark: the text source ends lines at LF, CRLF or a lone CR (and reads .gz files). The
    header is the first line of the file: the first row of the scan's first partition
    (monotonically_increasing_id 0), as a file's first split is always read first.
#}
{% macro spark__instacart_raw_lines(file_key, numbered=false) %}
(
    select
        raw_text.value as line{% if numbered %},
        row_number() over (order by raw_text.line_position) as line_number{% endif %}
    from (
        select
            value,
            monotonically_increasing_id() as line_position
        from {{ instacart_text_source(file_key) }}
    ) as raw_text
    where raw_text.line_position > 0
        and raw_text.value <> ''
        and is_valid_utf8(raw_text.value)
        and octet_length(raw_text.value) <= {{ var('raw_line_max_bytes') | int }}
)
{% endmacro %}
