{#
    The path of one raw file as a DuckDB string literal (instacart_file_path). DuckDB reads
    a path with * ? or [ as a glob, so those are bracketed to stay literal: a folder named
    'data [v2]' or 'data*?' is that folder, never a sibling.
#}
{% macro instacart_file_literal(file_key) %}
    {%- set path = instacart_file_path(file_key) -%}
    '{{ path | replace("'", "''") | replace('[', '[[]') | replace('*', '[*]') | replace('?', '[?]') }}'
{%- endmacro %}
