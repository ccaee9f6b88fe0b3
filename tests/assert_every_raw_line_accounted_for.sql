-- Every line of every raw file is staged, set aside with a reason, blank (counted), or
-- continues a row whose quoted field holds line ends: the lines counted byte by byte,
-- without any CSV reader, equal staged + rejected rows + blank + continuation lines.
-- A line the reader skipped, or read twice, would break this. The failure names
-- the file and where to look first; the on-run-end report prints it.
select
    source_file,
    data_lines,
    blank_lines,
    staged_rows,
    rejected_rows,
    continuation_lines,
    unaccounted_lines,
    source_file || ': ' || data_lines || ' data lines in the file, but ' || staged_rows || ' staged + '
    || rejected_rows || ' set aside + ' || blank_lines || ' blank + ' || continuation_lines || ' continuing a row = '
    || (staged_rows + rejected_rows + blank_lines + continuation_lines) || '; ' || abs(unaccounted_lines) || ' line(s) '
    || case when unaccounted_lines > 0 then 'went missing' else 'too many' end
    || coalesce('. First blank line: ' || first_blank_line, '') as failure
from {{ ref('fct_data_quality') }}
where unaccounted_lines <> 0
