{#- Spark: one raw file as a text source (one row per line, column value). -#}
{% macro instacart_text_source(file_key) -%}
    text.`{{ instacart_file_path(file_key) | replace('`', '``') }}`
{%- endmacro %}
