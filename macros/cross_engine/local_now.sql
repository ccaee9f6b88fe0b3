{% macro local_now() -%}
    {{ return(adapter.dispatch('local_now', 'instacart_kpis')()) }}
{%- endmacro %}

{% macro default__local_now() -%}
    current_localtimestamp()
{%- endmacro %}

{#- localtimestamp() is a timestamp_ntz; the build log's columns are plain timestamps. -#}
{% macro spark__local_now() -%}
    cast(localtimestamp() as timestamp)
{%- endmacro %}
