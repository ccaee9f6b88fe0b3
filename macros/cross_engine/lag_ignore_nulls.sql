{% macro lag_ignore_nulls(expression, over) -%}
    {{ return(adapter.dispatch('lag_ignore_nulls', 'instacart_kpis')(expression, over)) }}
{%- endmacro %}

{#- The engines put ignore nulls in different places: inside the call here, after it on Spark. -#}
{% macro default__lag_ignore_nulls(expression, over) -%}
    lag({{ expression }} ignore nulls) over ({{ over }})
{%- endmacro %}

{% macro spark__lag_ignore_nulls(expression, over) -%}
    lag({{ expression }}) ignore nulls over ({{ over }})
{%- endmacro %}
