{#-
    Pre-hook of every base_ model that reads a raw file: no rejects left over from an
    earlier read on the same connection.
-#}
{% macro drop_csv_rejects(file_key) -%}
drop table if exists {{ file_key }}_reject_errors; drop table if exists {{ file_key }}_reject_scans
{%- endmacro %}
