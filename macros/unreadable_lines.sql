{#-
    DuckDB: one row per line of one raw file the read left out as unreadable: the lines
    longer than var raw_line_max_bytes that base_instacart__raw_files found (line_too_long),
    then the lines the reader kept back in <file_key>_reject_errors for bytes that are not
    UTF-8 (invalid_utf8; else malformed_line), with their text without line-end characters.
    A line the reader set aside for its size is one of the long lines, counted once.
-#}
{% macro unreadable_lines(file_key) %}
select
    'line_too_long' as rejection_reason,
    unnest(long_line_values) as raw_line
from {{ ref('base_instacart__raw_files') }}
where file_key = '{{ file_key }}'
union all
select
    case when bool_or(error_type = 'INVALID ENCODING') then 'invalid_utf8' else 'malformed_line' end as rejection_reason,
    trim(any_value(csv_line), chr(13) || chr(10)) as raw_line
from {{ file_key }}_reject_errors
group by scan_id, file_id, line
having not bool_or(error_type = 'LINE SIZE OVER MAXIMUM')
{% endmacro %}
