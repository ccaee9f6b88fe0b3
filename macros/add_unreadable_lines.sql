{#
    Post-hooks of the base_ models: the lines DuckDB's reader kept back in a file's
    temporary rejects table (a line that is not valid UTF-8, or too long to read: with no
    quoting and every value read as text nothing else can fail) become rows set aside, one
    per line, with the line's text as the reader shows it. They run outside the model's
    transaction, on the connection that read the file, where the rejects tables live.
#}
{% macro add_unreadable_rows(relation, file_key) %}
insert into {{ relation }} (rejection_reason, raw_values)
select rejection_reason, raw_line
from ({{ unreadable_lines(file_key) }})
{% endmacro %}
