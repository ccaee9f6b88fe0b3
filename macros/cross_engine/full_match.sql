{% macro full_match(text, pattern) -%}
    {{ return(adapter.dispatch('full_match', 'instacart_kpis')(text, pattern)) }}
{%- endmacro %}

{% macro default__full_match(text, pattern) -%}
    regexp_full_match({{ text }}, {{ pattern }})
{%- endmacro %}

{#- rlike matches anywhere in the text; the group anchors the whole pattern, so 'a|b' cannot match 'ab'. -#}
{% macro spark__full_match(text, pattern) -%}
    ({{ text }} rlike concat('^(?:', {{ pattern }}, ')$'))
{%- endmacro %}
