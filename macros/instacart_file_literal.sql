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

{#
    The path of one raw file as a DuckDB string literal (instacart_file_path). DuckDB reads
    a path with * ? or [ as a glob, so those are bracketed to stay literal: a folder named
    'data [v2]' or 'data*?' is that folder, never a sibling.
#}
{% macro instacart_file_literal(file_key) %}
    {%- set path = instacart_file_path(file_key) -%}
    '{{ path | replace("'", "''") | replace('[', '[[]') | replace('*', '[*]') | replace('?', '[?]') }}'
{%- endmacro %}

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
