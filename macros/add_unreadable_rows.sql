{#
    Post-hooks of the base_ models: the lines the read left out as unreadable become rows
    set aside, one per line. A line longer than var raw_line_max_bytes is line_too_long,
    shown by its first 200 characters, where it is and its size; a line that is not valid
    UTF-8 is invalid_utf8, shown as the reader shows it. On DuckDB the long lines are the
    ones base_instacart__raw_files found byte by byte (DuckDB's reader drops a line longer
    than its buffer without a word), the others are the lines its reader kept back in a
    file's temporary rejects table (with no quoting and every value read as text nothing
    else can fail); the hooks run outside the model's transaction, on the connection that
    read the file, where the rejects tables live. On Spark both kinds are read again from
    the file (instacart_raw_lines left them out), and the hooks run inside the transaction
    (the base models set "transaction": target.type == 'spark'): dbt-spark's table
    materialization runs no other hook. An optional file that is absent has none.
#}
{% macro add_unreadable_rows(relation, file_key) %}
    {%- if instacart_file_is_absent(file_key) %}{{ return('') }}{% endif -%}
    {{ return(adapter.dispatch('add_unreadable_rows', 'instacart_kpis')(relation, file_key)) }}
{% endmacro %}
{% macro default__add_unreadable_rows(relation, file_key) %}
insert into {{ relation }} (rejection_reason, raw_values)
select rejection_reason, raw_line
from ({{ unreadable_lines(file_key) }})
{% endmacro %}
{% macro spark__add_unreadable_rows(relation, file_key) %}
insert into {{ relation }} (rejection_reason, raw_values)
select rejection_reason, raw_line
from ({{ spark_unreadable_lines(file_key) }}) as unreadable
{% endmacro %}
