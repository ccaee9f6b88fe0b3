{#
    Post-hooks of the base_ models: the lines the read left out as unreadable become rows
    set aside, one per line, with the line's text as the reader shows it. On DuckDB they are
    the lines its reader kept back in a file's temporary rejects table (a line that is not
    valid UTF-8, or too long to read: with no quoting and every value read as text nothing
    else can fail); they run outside the model's transaction, on the connection that read
    the file, where the rejects tables live. On Spark they are the lines that are not valid
    UTF-8 (instacart_raw_lines), read again.
#}
{% macro add_unreadable_rows(relation, file_key) %}
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
from ({{ spark_invalid_utf8_lines(file_key) }}) as unreadable
{% endmacro %}
