{% macro split_text(text, separator) -%}
    {{ return(adapter.dispatch('split_text', 'instacart_kpis')(text, separator)) }}
{%- endmacro %}

{% macro default__split_text(text, separator) -%}
    string_split({{ text }}, {{ separator }})
{%- endmacro %}

{#- Limit -1 keeps trailing empty fields, as string_split does: 'a,b,' is three fields, not two. -#}
{% macro spark__split_text(text, separator) -%}
    split({{ text }}, {{ separator }}, -1)
{%- endmacro %}
