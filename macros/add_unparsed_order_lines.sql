{#
    Post-hook of base_instacart__order_lines: adds the lines DuckDB's CSV reader set aside
    while building the table (kept in its temporary rejects tables, on this connection) as
    rows with null values, the reason and the raw line. The two columns are added after the
    table is written because a text column, even all null, costs seconds over 33.8M rows.
    One row per rejected line (a line with several bad fields is reported once per field):
    the first bad field gives the reason, as staging's checks do.
#}
{% macro add_unparsed_order_lines(relation, errors_table, scans_table) %}
alter table {{ relation }} add column parse_failure varchar;
alter table {{ relation }} add column unparsed_line varchar;
insert into {{ relation }} (is_train_file, parse_failure, unparsed_line)
select
    regexp_extract(scans.file_path, '[^/\\]+$') = 'order_products__train.csv' as is_train_file,
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
