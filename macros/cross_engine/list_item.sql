{% macro list_item(list, position) -%}
    {{ return(adapter.dispatch('list_item', 'instacart_kpis')(list, position)) }}
{%- endmacro %}

{% macro default__list_item(list, position) -%}
    {{ list }}[{{ position }}]
{%- endmacro %}

{#- try_: null past the end, where element_at raises under ANSI mode (Spark 4's default). -#}
{% macro spark__list_item(list, position) -%}
    try_element_at({{ list }}, {{ position }})
{%- endmacro %}
