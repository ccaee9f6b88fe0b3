{% macro list_item(list, position) -%}
    {{ return(adapter.dispatch('list_item', 'instacart_kpis')(list, position)) }}
{%- endmacro %}

{% macro default__list_item(list, position) -%}
    {{ list }}[{{ position }}]
{%- endmacro %}

{#- try_element_at: null past the end, where element_at raises when ANSI mode is on. -#}
{% macro spark__list_item(list, position) -%}
    try_element_at({{ list }}, {{ position }})
{%- endmacro %}
