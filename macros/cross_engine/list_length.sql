{% macro list_length(list) -%}
    {{ return(adapter.dispatch('list_length', 'instacart_kpis')(list)) }}
{%- endmacro %}

{% macro default__list_length(list) -%}
    len({{ list }})
{%- endmacro %}

{#- array_size, not size: size gives -1 for a null list unless ANSI mode is on. -#}
{% macro spark__list_length(list) -%}
    array_size({{ list }})
{%- endmacro %}
