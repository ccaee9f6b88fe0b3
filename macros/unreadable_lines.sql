{#-
    One row per line a read kept back in <file_key>_reject_errors: why (bytes that are not
    UTF-8, else a line too long to read) and its text without line-end characters.
-#}
{% macro unreadable_lines(file_key) %}
select
    case when bool_or(error_type = 'INVALID ENCODING') then 'invalid_utf8' else 'malformed_line' end as rejection_reason,
    trim(any_value(csv_line), chr(13) || chr(10)) as raw_line,
from {{ file_key }}_reject_errors
group by scan_id, file_id, line
{% endmacro %}
