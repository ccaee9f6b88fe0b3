{% macro cast_integer_list(list) -%}
    {{ return(adapter.dispatch('cast_integer_list', 'instacart_kpis')(list)) }}
{%- endmacro %}

{% macro default__cast_integer_list(list) -%}
    cast({{ list }} as integer[])
{%- endmacro %}

{% macro spark__cast_integer_list(list) -%}
    cast({{ list }} as array<int>)
{%- endmacro %}
