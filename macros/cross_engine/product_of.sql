{% macro product_of(expression) -%}
    {{ return(adapter.dispatch('product_of', 'instacart_kpis')(expression)) }}
{%- endmacro %}

{% macro default__product_of(expression) -%}
    product({{ expression }})
{%- endmacro %}

{#- Spark has no product aggregate: the values are collected and multiplied. -#}
{% macro spark__product_of(expression) -%}
    aggregate(collect_list(cast({{ expression }} as double)), cast(1 as double), (product, value) -> product * value)
{%- endmacro %}
