{#-
    Pre-hook of every base_ model that reads a raw file: no rejects left over from an
    earlier read on the same connection. Only DuckDB's reader keeps rejects tables.
-#}
{% macro drop_csv_rejects(file_key) -%}
    {{ return(adapter.dispatch('drop_csv_rejects', 'instacart_kpis')(file_key)) }}
{%- endmacro %}
{% macro default__drop_csv_rejects(file_key) -%}
drop table if exists {{ file_key }}_reject_errors; drop table if exists {{ file_key }}_reject_scans
{%- endmacro %}
{% macro spark__drop_csv_rejects(file_key) -%}
{%- endmacro %}
