{% macro product_of(expression) -%}
    {{ return(adapter.dispatch('product_of', 'instacart_kpis')(expression)) }}
{%- endmacro %}

{% macro default__product_of(expression) -%}
    product({{ expression }})
{%- endmacro %}

{#-
    Spark has no product aggregate: the values are collected (nulls are not) and multiplied.
    Starting from null rather than 1 keeps a group without a value null, as product() does.
-#}
{% macro spark__product_of(expression) -%}
    aggregate(
        collect_list(cast({{ expression }} as double)),
        cast(null as double),
        (product, value) -> coalesce(product, cast(1 as double)) * value
    )
{%- endmacro %}
