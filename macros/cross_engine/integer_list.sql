{% macro integer_list(items) -%}
    {{ return(adapter.dispatch('integer_list', 'instacart_kpis')(items)) }}
{%- endmacro %}

{% macro default__integer_list(items) -%}
    [{{ items | join(', ') }}]
{%- endmacro %}

{% macro spark__integer_list(items) -%}
    array({{ items | join(', ') }})
{%- endmacro %}
