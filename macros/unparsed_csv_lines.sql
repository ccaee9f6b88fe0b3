{#
    The lines DuckDB's CSV reader set aside while a base_ model read its file(s) with
    store_rejects: one row per line (a line with several bad fields is reported once per
    field) with the file name, the reason and the raw text. The first bad field gives the
    reason, as staging's own checks do: invalid_<column> for a value of the wrong type,
    malformed_line for too few or too many fields or broken quoting. The rejects tables
    are temporary, so this runs in a post-hook of the model that read the file, on its
    connection.
#}
{% macro unparsed_csv_lines(errors_table, scans_table) %}
select
    regexp_extract(scans.file_path, '[^/\\]+$') as file_name,
    case
        when arg_min(errors.error_type, errors.column_idx) = 'CAST'
            then 'invalid_' || arg_min(errors.column_name, errors.column_idx)
        else 'malformed_line'
    end as parse_failure,
    -- DuckDB keeps the line break before the line on files with CRLF endings.
    trim(any_value(errors.csv_line), chr(13) || chr(10)) as unparsed_line,
from {{ errors_table }} as errors
inner join {{ scans_table }} as scans
    on errors.scan_id = scans.scan_id
    and errors.file_id = scans.file_id
group by errors.scan_id, errors.file_id, errors.line, scans.file_path
{% endmacro %}

{#
    Post-hook of base_instacart__order_lines: the unparsed lines become rows with null
    values. The two text columns are added after the table is written because a text
    column, even all null, costs seconds over 33.8M rows; the hook runs outside the
    model's transaction, where the ALTER does not make the commit rewrite the table.
#}
{% macro add_unparsed_order_lines(relation) %}
alter table {{ relation }} add column parse_failure varchar;
alter table {{ relation }} add column unparsed_line varchar;
insert into {{ relation }} (is_train_file, parse_failure, unparsed_line)
select file_name = 'order_products__train.csv', parse_failure, unparsed_line
from ({{ unparsed_csv_lines('order_lines_reject_errors', 'order_lines_reject_scans') }})
{% endmacro %}

{#
    Post-hook of the base_ models of orders.csv and the catalogue files: the lines their
    read set aside (rejects tables <file_key>_reject_errors / _scans) become rejected
    rows with their raw text.
#}
{% macro add_unparsed_rows(relation, file_key) %}
insert into {{ relation }} (rejection_reason, raw_values)
select parse_failure, unparsed_line
from ({{ unparsed_csv_lines(file_key ~ '_reject_errors', file_key ~ '_reject_scans') }})
{% endmacro %}

{#
    Pre-hook of every base_ model that reads a file with store_rejects: no rejects
    left over from an earlier read on the same connection.
#}
{% macro drop_csv_rejects(file_key) %}
drop table if exists {{ file_key }}_reject_errors; drop table if exists {{ file_key }}_reject_scans
{% endmacro %}
