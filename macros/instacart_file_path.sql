{#
    The path of one raw file, read from base_instacart__raw_files (which found <key>.csv
    or <key>.csv.gz). Before that table exists (parsing, or a compile before any build) it
    is a placeholder naming the file.
#}
{% macro instacart_file_path(file_key) %}
    {%- set path = '<data folder>/' ~ file_key ~ '.csv' -%}
    {%- if execute -%}
        {%- set files = adapter.get_relation(database=target.database, schema=target.schema, identifier='base_instacart__raw_files') -%}
        {%- if files is not none -%}
            {%- set found = run_query("select file_path from " ~ files ~ " where file_key = '" ~ file_key ~ "'") -%}
            {%- if found.rows | length > 0 %}{% set path = found.rows[0][0] %}{% endif -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(path) }}
{%- endmacro %}
