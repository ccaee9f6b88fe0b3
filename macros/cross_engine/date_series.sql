{% macro date_series(first_date, last_date, step_days) -%}
    {{ return(adapter.dispatch('date_series', 'instacart_kpis')(first_date, last_date, step_days)) }}
{%- endmacro %}

{#- generate_series steps dates as timestamps, hence the cast back to date. -#}
{% macro default__date_series(first_date, last_date, step_days) -%}
    cast(unnest(generate_series({{ first_date }}, {{ last_date }}, interval {{ step_days }} day)) as date)
{%- endmacro %}

{% macro spark__date_series(first_date, last_date, step_days) -%}
    explode(sequence({{ first_date }}, {{ last_date }}, interval {{ step_days }} day))
{%- endmacro %}
