{#
    True when base_instacart__raw_files has been built and has no row for the file: an
    optional file (annotations.csv) that is not in the data folder. Its base model then reads
    an empty set of lines and its hooks do nothing. False before that table exists (parsing,
    linting), so the read is rendered as for any file.
#}
{% macro instacart_file_is_absent(file_key) %}
    {%- if not execute %}{{ return(false) }}{% endif -%}
    {%- set files = adapter.get_relation(database=target.database, schema=target.schema, identifier='base_instacart__raw_files') -%}
    {%- if files is none %}{{ return(false) }}{% endif -%}
    {%- set found = run_query("select count(*) from " ~ files ~ " where file_key = '" ~ file_key ~ "'") -%}
    {{ return(found.rows[0][0] == 0) }}
{% endmacro %}
