{#
    Every line of one raw file (by its key, e.g. 'orders'), as text and nothing else:
    no quoting, no types, no sniffing, so no line can swallow another and no value is
    converted before staging checks it. A line ends at LF, CRLF or a lone CR; blank lines
    are skipped (base_instacart__raw_files counts them); the header is left out. A line
    that is not valid UTF-8 is kept by DuckDB's reader in the temporary rejects table
    <file_key>_reject_errors, which the base model's post-hook adds back as a row.
    The carriage-return delimiter and the second column are what make DuckDB end lines
    the same way on mixed LF/CRLF files; the second column is always empty.
#}
{% macro instacart_raw_lines(file_key) %}
read_csv({{ instacart_file_literal(file_key) }}, header = true, auto_detect = false,
    delim = chr(13), quote = '', escape = '', new_line = '\n', null_padding = true, strict_mode = false,
    columns = {'line': 'VARCHAR', 'after_carriage_return': 'VARCHAR'},
    store_rejects = true, rejects_table = '{{ file_key }}_reject_errors', rejects_scan = '{{ file_key }}_reject_scans')
{% endmacro %}
