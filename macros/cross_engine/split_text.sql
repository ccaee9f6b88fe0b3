{% macro split_text(text, separator) -%}
    {{ return(adapter.dispatch('split_text', 'instacart_kpis')(text, separator)) }}
{%- endmacro %}

{% macro default__split_text(text, separator) -%}
    string_split({{ text }}, {{ separator }})
{%- endmacro %}

{#- Spark's split reads the separator as a regular expression, hence a plain character in the callers. -#}
{% macro spark__split_text(text, separator) -%}
    split({{ text }}, {{ separator }}, -1)
{%- endmacro %}
